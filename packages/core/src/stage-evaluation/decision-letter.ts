import type { LocalizedText } from '../shared/localized.ts';
import { seoulDateTime, STAGE_OUTCOME, type Locale } from '../notifications/templates.ts';
import { josa } from '../shared/korean-particles.ts';

/** What an official letter of a published stage decision states, for one team. */
export interface DecisionLetterFacts {
  program: LocalizedText;
  evaluation: LocalizedText;
  team: { key: string; name: LocalizedText };
  outcome: 'continue' | 'eliminate';
  reasons: LocalizedText[];
  /** the day the decision takes effect (YYYY-MM-DD, Seoul) */
  effectiveOn: string;
  /** when the appeal window closes (an instant); null when the decision was not published with one */
  appealClosesAt: string | null;
  /** when the decision was published (an instant): the letter's date */
  publishedAt: string;
}

export interface LetterPage {
  title: string;
  /** label and value, in reading order */
  rows: [label: string, value: string][];
  reasonsTitle: string;
  reasons: string[];
  closing: string;
}

const seoulDay = (day: string, locale: Locale) => {
  const [y, m, d] = day.split('-').map(Number);
  if (locale === 'ko') return `${y}년 ${m}월 ${d}일`;
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

/**
 * One page of the letter in one language. The Korean page comes first and is the official text;
 * the English page is its translation. Times are stated in Asia/Seoul.
 */
export function decisionLetterPage(f: DecisionLetterFacts, locale: Locale): LetterPage {
  const outcome = STAGE_OUTCOME[f.outcome]![locale];
  const appeal = f.appealClosesAt ? seoulDateTime(f.appealClosesAt, locale) : null;
  const date = seoulDateTime(f.publishedAt, locale);
  if (locale === 'ko') {
    return {
      title: `${f.evaluation.ko} 결과 통지서`,
      rows: [
        ['사업', f.program.ko],
        ['평가', f.evaluation.ko],
        ['과제', `${f.team.name.ko} (${f.team.key})`],
        ['결정', outcome],
        ['효력 발생일', seoulDay(f.effectiveOn, 'ko')],
        ['이의 신청 마감', appeal ?? '해당 없음'],
        ['통지일', date],
      ],
      reasonsTitle: '결정 사유',
      reasons: f.reasons.length ? f.reasons.map((r) => r.ko) : ['평가 기준을 모두 충족했습니다.'],
      closing:
        `${f.team.key} 과제는 ${josa(`'${outcome}'`, '으로/로')} 결정되었음을 알립니다. ${appeal ? `결정에 이의가 있으면 ${appeal}까지 Stagegate에서 이의 신청을 할 수 있습니다.` : ''}`.trim(),
    };
  }
  return {
    title: `${f.evaluation.en}: notice of decision`,
    rows: [
      ['Programme', f.program.en],
      ['Evaluation', f.evaluation.en],
      ['Team', `${f.team.name.en} (${f.team.key})`],
      ['Outcome', outcome],
      ['Effective from', seoulDay(f.effectiveOn, 'en')],
      ['Appeals close', appeal ?? 'not applicable'],
      ['Date of notice', date],
    ],
    reasonsTitle: 'Reasons',
    reasons: f.reasons.length ? f.reasons.map((r) => r.en) : ['All evaluation criteria were met.'],
    closing:
      `This letter gives notice that ${f.team.key} was decided: ${outcome}. ${appeal ? `An appeal may be filed in Stagegate until ${appeal}.` : ''} The Korean page is the official text.`
        .replace(/\s+/g, ' ')
        .trim(),
  };
}
