import { formatSeoul } from '../shared/seoul-time.ts';
import type { LocalizedText } from '../shared/localized.ts';

export interface SubmissionWindow {
  opens: Date;
  closes: Date;
  /** an operator's reopening of one application may run past the call's close */
  extendedUntil?: Date | null;
}

export type DeadlineJudgement = { open: true; closes: Date } | { open: false; reason: 'not_yet_open' | 'closed'; message: LocalizedText };

const seoul = formatSeoul;

/**
 * Whether a submission at `now` is on time. `now` is the database's clock, never the browser's or
 * an app server's, so every process judges the same deadline. The close instant itself is late.
 */
export function judgeDeadline(window: SubmissionWindow, now: Date): DeadlineJudgement {
  const closes = window.extendedUntil && window.extendedUntil > window.closes ? window.extendedUntil : window.closes;
  if (now < window.opens) {
    return {
      open: false,
      reason: 'not_yet_open',
      message: { ko: `아직 접수 기간이 아닙니다 (접수 시작: ${seoul(window.opens)} KST)`, en: `the call is not open yet (opens ${seoul(window.opens)} KST)` },
    };
  }
  if (now >= closes) {
    return {
      open: false,
      reason: 'closed',
      message: {
        ko: `접수가 마감되었습니다 (마감: ${seoul(closes)} KST). 마감 후에는 제출할 수 없습니다`,
        en: `the call closed at ${seoul(closes)} KST; submissions after the deadline are refused`,
      },
    };
  }
  return { open: true, closes };
}
