import { z } from 'zod';
import { issue, localizedText, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { checkRounds } from './round-weights.ts';
import { schemeIssues, selectionScheme } from './selection-scheme.ts';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/**
 * Who goes on from a round. `top`: the N best by the round's own score. Applications tied at the
 * cut (equal score and equal points in every tie-break group — review count and receipt order are
 * not merit) are never split silently: `all-pass` lets the whole tied group through (the shortlist
 * then holds more than N, and says so), `office-decides` names them and the office chooses who
 * takes the places left, with a reason. `threshold`: every application scoring at least
 * `minScore` passes; those exactly at it pass and the closing says so.
 */
export const shortlistRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('top'), count: z.number().int().positive(), ties: z.enum(['all-pass', 'office-decides']).default('all-pass') }),
  z.object({ kind: z.literal('threshold'), minScore: z.number().nonnegative() }),
]);
export type ShortlistRule = z.infer<typeof shortlistRule>;

/**
 * One round of a call's selection (documents, presentation, interview …), in order. `weight` is
 * its share in the final ranking (0: a screening round whose score only shortlists); `shortlist`
 * says who is invited to the next round — the last round has none, the selection decides there. A
 * round without one sends every application on (rounds side by side, combined by weight).
 */
export const selectionRound = z.object({
  key,
  name: localizedText,
  weight: z.number().nonnegative(),
  reviewsPerProposal: z.number().int().positive().default(3),
  shortlist: shortlistRule.optional(),
  /** the round's own criteria and points; absent: the call's scheme (see schemeForRound) */
  scheme: selectionScheme.optional(),
  note: localizedText.optional(),
});
export type SelectionRound = z.infer<typeof selectionRound>;

/** A call's rounds as data: checkRounds' rules, no shortlist after the last round, never fewer places than the call funds. */
export function selectionRoundIssues(field: string, rounds: SelectionRound[], places: number): FieldIssue[] {
  const out = checkRounds(rounds).map((i) => ({ ...i, field: i.field.replace(/^rounds/, field) }));
  rounds.forEach((r, i) => {
    const last = i === rounds.length - 1;
    if (r.scheme) out.push(...schemeIssues(`${field}.${i}.scheme`, r.scheme));
    if (!r.shortlist) return;
    if (last)
      out.push(
        issue(
          `${field}.${i}.shortlist`,
          `마지막 단계 "${r.name.ko}" 뒤에는 압축할 단계가 없습니다 (선정은 선정 결정으로 합니다)`,
          `the last round "${r.name.en}" has no round after it to shortlist for (the selection decides)`,
        ),
      );
    if (r.shortlist.kind === 'top' && r.shortlist.count < places) {
      out.push(
        issue(
          `${field}.${i}.shortlist.count`,
          `압축 인원 ${r.shortlist.count}건이 선정 과제 수 ${places}개보다 적습니다`,
          `a shortlist of ${r.shortlist.count} is smaller than the ${places} places the call funds`,
        ),
      );
    }
  });
  return out;
}

/** The rule said in words, for previews, notices and the program page. */
export function shortlistStatement(rule: ShortlistRule): LocalizedText {
  if (rule.kind === 'threshold')
    return {
      ko: `${rule.minScore}점 이상 통과 (정확히 ${rule.minScore}점도 통과)`,
      en: `${rule.minScore} points or more pass (exactly ${rule.minScore} passes)`,
    };
  return rule.ties === 'all-pass'
    ? { ko: `상위 ${rule.count}건 통과 (경계 동점은 모두 통과)`, en: `top ${rule.count} pass (all tied at the cut pass)` }
    : {
        ko: `상위 ${rule.count}건 통과 (경계 동점은 사업단이 사유와 함께 결정)`,
        en: `top ${rule.count} pass (the office decides ties at the cut, with a reason)`,
      };
}
