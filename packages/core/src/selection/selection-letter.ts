import type { LocalizedText } from '../shared/localized.ts';
import { SELECTION_OUTCOME, seoulDateTime, type Locale } from '../notifications/templates.ts';
import { josa } from '../shared/korean-particles.ts';
import type { LetterPage } from '../stage-evaluation/decision-letter.ts';

/** What the official letter of a published selection result states, for one application. */
export interface SelectionLetterFacts {
  program: LocalizedText;
  call: LocalizedText;
  receiptNo: string;
  title: string;
  /** the lead organisation as the application names it */
  lead: string;
  outcome: 'selected' | 'reserve' | 'rejected';
  /** the final rank and score, when the application was ranked */
  rank: number | null;
  score: number | null;
  /** the task the selection filled, when selected */
  task: string | null;
  /** the office's reason, as it recorded it */
  reason: string;
  /** when the results were published (an instant): the letter's date */
  publishedAt: string;
}

const points = (n: number) => (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * One page of the letter in one language: the Korean page is the official text, the English page
 * its translation; times in Asia/Seoul. It states only what was decided and published — the
 * program's data names no appeal of a selection, so the letter offers none.
 */
export function selectionLetterPage(f: SelectionLetterFacts, locale: Locale): LetterPage {
  const outcome = SELECTION_OUTCOME[f.outcome][locale];
  const date = seoulDateTime(f.publishedAt, locale);
  const ranked = f.rank !== null && f.score !== null;
  if (locale === 'ko') {
    return {
      title: `${f.call.ko} 선정 결과 통지서`,
      rows: [
        ['사업', f.program.ko],
        ['공모', f.call.ko],
        ['접수 번호', f.receiptNo],
        ['과제명', f.title],
        ['주관기관', f.lead],
        ['결과', outcome],
        ...(ranked ? ([['최종 순위 · 점수', `${f.rank}위 · ${points(f.score!)}점`]] as [string, string][]) : []),
        ...(f.task ? ([['배정 과제', f.task]] as [string, string][]) : []),
        ['통지일', date],
      ],
      reasonsTitle: '결정 사유',
      reasons: [f.reason],
      closing: `${josa(`${f.receiptNo} 신청`, '은/는')} ${josa(`'${outcome}'`, '으로/로')} 결정되었음을 알립니다. 위원별 평가 의견은 Stagegate의 신청 화면에서 볼 수 있습니다.`,
    };
  }
  return {
    title: `${f.call.en}: notice of the selection result`,
    rows: [
      ['Programme', f.program.en],
      ['Call', f.call.en],
      ['Receipt no.', f.receiptNo],
      ['Project', f.title],
      ['Lead organisation', f.lead],
      ['Result', outcome],
      ...(ranked ? ([['Final rank · score', `${f.rank} · ${points(f.score!)} points`]] as [string, string][]) : []),
      ...(f.task ? ([['Task', f.task]] as [string, string][]) : []),
      ['Date of notice', date],
    ],
    reasonsTitle: 'Reason (as the office recorded it)',
    reasons: [f.reason],
    closing: `This letter gives notice that application ${f.receiptNo} was ${outcome}. The reviewers' comments are on the application page in Stagegate. The Korean page is the official text.`,
  };
}
