import type { LocalizedText } from '../shared/localized.ts';
import { judgeDeadline, type DeadlineJudgement, type SubmissionWindow } from '../application/deadline.ts';
import { formatSeoulMinute } from '../shared/seoul-time.ts';

/**
 * A call's life: draft → open → closed → under review → results published. The office records
 * each step; the deadline closes an open call by itself, so the state that counts (the effective
 * state) is read from the recorded one, the window and the database's clock — no job has to run
 * for a late submission to be refused.
 */
export const callStates = ['draft', 'open', 'closed', 'under_review', 'results_published'] as const;
export type CallState = (typeof callStates)[number];

export const callActions = ['open', 'close', 'start_review', 'publish_results', 'withdraw_results'] as const;
export type CallAction = (typeof callActions)[number];

export const callStateLabels: Record<CallState, LocalizedText> = {
  draft: { ko: '공고 전', en: 'not yet open' },
  open: { ko: '접수 중', en: 'open' },
  closed: { ko: '접수 마감', en: 'closed' },
  under_review: { ko: '심사 중', en: 'under review' },
  results_published: { ko: '결과 발표', en: 'results published' },
};

export const callActionLabels: Record<CallAction, LocalizedText> = {
  open: { ko: '접수 시작', en: 'open' },
  close: { ko: '접수 마감', en: 'close' },
  start_review: { ko: '심사 시작', en: 'start review' },
  publish_results: { ko: '결과 발표', en: 'publish results' },
  withdraw_results: { ko: '결과 발표 취소', en: 'withdraw the results' },
};

export interface CallWindow {
  opens: Date;
  closes: Date;
}

/** What is recorded for a call: null when the office never recorded a step (the published window rules). */
export type RecordedCallState = CallState | null;

const order: Record<CallState, number> = { draft: 0, open: 1, closed: 2, under_review: 3, results_published: 4 };

/** The position of a state along the call's life, for comparisons that must not be string compares. */
export const callStateRank = (s: CallState): number => order[s];

/**
 * The state that counts now. A call nobody has recorded a step for, or one recorded open, follows
 * its window: not yet open before it opens, closed from the close instant on (the instant itself is
 * late). Closed, under review and published are what they say, whatever the window.
 */
export function effectiveCallState(recorded: RecordedCallState, window: CallWindow, now: Date): CallState {
  if (recorded === null || recorded === 'open') {
    if (now >= window.closes) return 'closed';
    if (now < window.opens) return 'draft';
    return 'open';
  }
  return recorded;
}

export type CallTransition =
  | {
      ok: true;
      action: CallAction;
      from: CallState;
      to: CallState;
      /** the window after the step: opening now moves `opens` to now, closing early moves `closes` to now */
      window: CallWindow;
      /** an open call whose deadline passed unrecorded: its close is recorded first (audited on its own) */
      recordsCloseFirst: boolean;
    }
  | { ok: false; field: string; message: LocalizedText };

const seoul = formatSeoulMinute;

const refuse = (field: string, ko: string, en: string): CallTransition => ({ ok: false, field, message: { ko, en } });

/** From which effective state each action may start, and where it leads. */
const steps: Record<CallAction, { from: CallState[]; to: CallState }> = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open', 'closed'], to: 'closed' },
  start_review: { from: ['closed'], to: 'under_review' },
  publish_results: { from: ['under_review'], to: 'results_published' },
  withdraw_results: { from: ['results_published'], to: 'under_review' },
};

/**
 * The steps the office can take from a call's state now, in the order of the lifecycle: what the
 * office's screens offer. Closing a call whose deadline has passed only records the close.
 */
export function callActionsFrom(state: CallState, recorded: RecordedCallState): CallAction[] {
  return callActions.filter((a) => steps[a].from.includes(state) && !(a === 'close' && recorded === 'closed'));
}

/**
 * Whether the office may take `action` now, and what the call looks like after it. Pure: the
 * caller supplies the recorded state, the window and the database's clock.
 * - open: only a call not yet open; it opens now and needs a close instant still ahead.
 * - close: an open call closes early (its deadline becomes now); a call whose deadline passed
 *   unrecorded has its close recorded. A close already recorded is not recorded twice.
 * - start review: only after the call closed; publish results only under review.
 */
export function planCallTransition(
  recorded: RecordedCallState,
  window: CallWindow,
  now: Date,
  action: CallAction,
  input: { closes?: Date } = {},
): CallTransition {
  const from = effectiveCallState(recorded, window, now);
  const step = steps[action];
  const label = callActionLabels[action];
  if (!step.from.includes(from) || (action === 'close' && recorded === 'closed')) {
    const s = callStateLabels[from];
    return refuse('action', `${s.ko} 상태의 공모에는 '${label.ko}' 단계를 진행할 수 없습니다`, `a call that is ${s.en} cannot take the step "${label.en}"`);
  }
  if (action === 'open') {
    const closes = input.closes ?? window.closes;
    if (closes <= now)
      return refuse(
        'closes',
        `마감(${seoul(closes)} KST)이 지금보다 뒤여야 접수를 시작할 수 있습니다`,
        `the close (${seoul(closes)} KST) must be after now to open the call`,
      );
    return { ok: true, action, from, to: 'open', window: { opens: window.opens > now ? now : window.opens, closes }, recordsCloseFirst: false };
  }
  if (input.closes) return refuse('closes', '마감 시각은 접수를 시작할 때만 정합니다', 'a close instant is set only when the call is opened');
  if (action === 'close') {
    return { ok: true, action, from, to: 'closed', window: from === 'open' ? { opens: window.opens, closes: now } : window, recordsCloseFirst: false };
  }
  const recordsCloseFirst = action === 'start_review' && recorded !== 'closed';
  return { ok: true, action, from, to: step.to, window, recordsCloseFirst };
}

/**
 * Whether applicants may still change anything (submit, withdraw, edit a draft): the window's
 * deadline rule (with the office's reopening of one application), and never once the call's review
 * has started — an extension does not reach past that.
 */
export function acceptsApplicantChanges(state: CallState, window: SubmissionWindow, now: Date): DeadlineJudgement {
  if (callStateRank(state) < callStateRank('under_review')) return judgeDeadline(window, now);
  const s = callStateLabels[state];
  return {
    open: false,
    reason: 'closed',
    message: {
      ko: `${s.ko} 단계의 공모입니다 (마감: ${seoul(window.closes)} KST). 신청서를 제출·수정·철회할 수 없습니다`,
      en: `the call is ${s.en} (it closed at ${seoul(window.closes)} KST); applications can no longer be submitted, edited or withdrawn`,
    },
  };
}

/** The window may be moved (the office's audited override) only until a close is recorded. */
export function windowOverrideIssue(recorded: RecordedCallState): LocalizedText | null {
  if (recorded === null || recorded === 'draft' || recorded === 'open') return null;
  const s = callStateLabels[recorded];
  return { ko: `${s.ko} 단계의 공모는 접수 기간을 바꿀 수 없습니다`, en: `the window of a call that is ${s.en} cannot be changed` };
}
