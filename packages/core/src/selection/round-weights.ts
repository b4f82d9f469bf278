import type { FieldIssue } from '../shared/localized.ts';

/**
 * Rounds of a call (documents, then presentations) and their weights in the combined score
 * (combined by review/aggregate's `combineRounds`): keys unique, weights non-negative, not all zero,
 * at least one reviewer per proposal.
 */
export function checkRounds(rounds: { key: string; weight: number; reviewsPerProposal: number }[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (rounds.length === 0) out.push({ field: 'rounds', message: { ko: '평가 단계가 하나 이상 필요합니다', en: 'at least one review round is needed' } });
  const seen = new Set<string>();
  rounds.forEach((r, i) => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(r.key))
      out.push({ field: `rounds.${i}.key`, message: { ko: '식별자는 영문 소문자, 숫자, 대시로 적습니다', en: 'lowercase letters, digits and dashes' } });
    if (seen.has(r.key)) out.push({ field: `rounds.${i}.key`, message: { ko: `평가 단계 "${r.key}"가 중복됩니다`, en: `round "${r.key}" appears twice` } });
    seen.add(r.key);
    if (!Number.isFinite(r.weight) || r.weight < 0)
      out.push({ field: `rounds.${i}.weight`, message: { ko: '가중치는 0 이상이어야 합니다', en: 'a weight must be zero or more' } });
    if (!Number.isInteger(r.reviewsPerProposal) || r.reviewsPerProposal < 1) {
      out.push({
        field: `rounds.${i}.reviewsPerProposal`,
        message: { ko: '제안서당 평가위원 수는 1 이상의 정수입니다', en: 'reviews per proposal must be a whole number of at least 1' },
      });
    }
  });
  if (rounds.length > 0 && rounds.every((r) => r.weight === 0))
    out.push({ field: 'rounds', message: { ko: '가중치가 모두 0입니다', en: 'every weight is zero' } });
  return out;
}
