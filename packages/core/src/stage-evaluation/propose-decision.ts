import type { DecisionPolicy, StageEvaluationScheme } from '../program/definition.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { compareStanding, rankOnPoints, tieBreakKeys } from './ranking.ts';
import type { TeamStageResult } from './score-stage.ts';
import type { ScoringRules } from './scoring-rules.ts';

export type DecisionOutcome = 'continue' | 'eliminate';
export type DecisionBasis = 'gate' | 'points' | 'threshold' | 'stageGoals';

export interface ProposedDecision {
  team: string;
  outcome: DecisionOutcome;
  /** why, one sentence per ground */
  reasons: LocalizedText[];
  /** the ground an elimination rests on first (gates before points) */
  basis?: DecisionBasis;
  /** competition rank on total points among all teams */
  rank: number;
  total: number;
}

export interface DecisionProposal {
  policy: DecisionPolicy['kind'];
  items: ProposedDecision[];
  /** things the operator must settle before the proposal can be confirmed as is */
  blocking: LocalizedText[];
  /** teams tied at the elimination boundary on every published figure; the operator decides */
  unresolvedTie: string[];
  /**
   * Inputs of the scheme not yet entered, one line per team and component. While any is listed the
   * proposal is incomplete: it has no items (a missing input is not a zero, so no team is ranked,
   * let alone eliminated, on it) and the same lines head `blocking`.
   */
  incomplete: LocalizedText[];
}

const fmt = (x: number) => String(x);

function componentNames(components: StageEvaluationScheme['components'], into = new Map<string, LocalizedText>()): Map<string, LocalizedText> {
  for (const c of components) {
    into.set(c.key, c.name);
    if (c.children?.length) componentNames(c.children, into);
  }
  return into;
}

/** One line per team and missing input, in the results' order. */
export function missingInputs(results: readonly TeamStageResult[], scheme: StageEvaluationScheme): LocalizedText[] {
  const names = componentNames(scheme.components);
  return results.flatMap((r) =>
    (r.missing ?? []).map((key) => {
      const name = names.get(key) ?? { ko: key, en: key };
      return { ko: `${r.team} 팀의 '${name.ko}' 입력이 없습니다`, en: `${r.team} has no input for '${name.en}'` };
    }),
  );
}
const gateFailureReasons = (r: TeamStageResult): LocalizedText[] =>
  r.gates
    .filter((g) => g.status === 'failed')
    .map((g) => ({
      ko: `'${g.name.ko}' 관문을 통과하지 못했습니다${g.reason ? `: ${g.reason.ko}` : ''}`,
      en: `failed the '${g.name.en}' gate${g.reason ? `: ${g.reason.en}` : ''}`,
    }));

function pendingGates(results: readonly TeamStageResult[]): LocalizedText[] {
  return results.flatMap((r) =>
    r.gates
      .filter((g) => g.status === 'pending')
      .map((g) => ({ ko: `${r.team} 팀의 '${g.name.ko}' 심사가 끝나지 않았습니다`, en: `the '${g.name.en}' gate is not yet ruled for ${r.team}` })),
  );
}

/**
 * The decision the policy implies, or none while an input of the scheme is missing. A failed gate eliminates regardless of points under every
 * policy. The operator confirms this proposal or departs from it with a written reason.
 *
 * eliminateLowest: gate failures go first; then, among teams that passed every gate, the k lowest
 * on points (k = perStage, less the gate eliminations when `gateEliminationsCountTowardK`), never
 * taking the field below `finalTeams` on points. Equal totals are separated by the tie-break
 * components (higher points stay); a tie that survives them is left to the operator.
 */
export function proposeDecision(
  policy: DecisionPolicy,
  results: readonly TeamStageResult[],
  scheme: StageEvaluationScheme,
  rules: ScoringRules,
): DecisionProposal {
  const incomplete = missingInputs(results, scheme);
  if (incomplete.length) return { policy: policy.kind, items: [], blocking: [...incomplete, ...pendingGates(results)], unresolvedTie: [], incomplete };
  const ranks = rankOnPoints(results);
  const blocking = pendingGates(results);
  const item = (r: TeamStageResult, outcome: DecisionOutcome, reasons: LocalizedText[], basis?: DecisionBasis): ProposedDecision => ({
    team: r.team,
    outcome,
    reasons,
    ...(basis ? { basis } : {}),
    rank: ranks.get(r.team)!,
    total: r.total,
  });
  const decided = new Map<string, ProposedDecision>();
  const failed = results.filter((r) => !r.gatesPassed);
  for (const r of failed) decided.set(r.team, item(r, 'eliminate', gateFailureReasons(r), 'gate'));
  const passing = results.filter((r) => r.gatesPassed);
  let unresolvedTie: string[] = [];

  switch (policy.kind) {
    case 'eliminateLowest': {
      const keys = tieBreakKeys(scheme, rules.tieBreak);
      const standing = [...passing].sort((a, b) => compareStanding(a, b, keys) || (a.team < b.team ? -1 : 1));
      const perStage = rules.eliminateLowest.gateEliminationsCountTowardK ? Math.max(0, policy.perStage - failed.length) : policy.perStage;
      const k = Math.min(perStage, Math.max(0, standing.length - policy.finalTeams));
      const cut = standing.length - k; // standing[cut..] are eliminated on points
      if (k > 0 && cut > 0 && compareStanding(standing[cut - 1], standing[cut], keys) === 0) {
        const boundary = standing[cut];
        unresolvedTie = standing.filter((r) => compareStanding(r, boundary, keys) === 0).map((r) => r.team);
        blocking.push({
          ko: `${unresolvedTie.join(', ')} 팀이 탈락 경계에서 모든 점수가 같아 운영자가 결정해야 합니다`,
          en: `${unresolvedTie.join(', ')} are tied on every figure at the elimination boundary; the operator must decide`,
        });
      }
      standing.forEach((r, i) => {
        const place = `${i + 1}/${standing.length}`;
        if (unresolvedTie.includes(r.team)) {
          decided.set(
            r.team,
            item(r, 'continue', [
              {
                ko: `탈락 경계 동점(${fmt(r.total)}점) — 운영자 결정 대기`,
                en: `tied at the elimination boundary (${fmt(r.total)} points), awaiting the operator's decision`,
              },
            ]),
          );
        } else if (i >= cut) {
          decided.set(
            r.team,
            item(
              r,
              'eliminate',
              [
                {
                  ko: `관문 통과 팀 중 점수 하위 ${standing.length - i}위(${fmt(r.total)}점)`,
                  en: `lowest on points among teams that passed the gates: ${place} with ${fmt(r.total)} points`,
                },
              ],
              'points',
            ),
          );
        } else {
          decided.set(
            r.team,
            item(r, 'continue', [
              {
                ko: `모든 관문 통과, 관문 통과 팀 중 ${place}위(${fmt(r.total)}점)`,
                en: `passed every gate; ${place} among teams that passed, ${fmt(r.total)} points`,
              },
            ]),
          );
        }
      });
      break;
    }
    case 'advanceAtThreshold':
      for (const r of passing) {
        const ok = r.total >= policy.minPoints - 1e-9;
        decided.set(
          r.team,
          ok
            ? item(r, 'continue', [
                {
                  ko: `${fmt(r.total)}점으로 기준 ${fmt(policy.minPoints)}점 이상`,
                  en: `${fmt(r.total)} points, at or above the threshold of ${fmt(policy.minPoints)}`,
                },
              ])
            : item(
                r,
                'eliminate',
                [
                  {
                    ko: `${fmt(r.total)}점으로 기준 ${fmt(policy.minPoints)}점 미만`,
                    en: `${fmt(r.total)} points, below the threshold of ${fmt(policy.minPoints)}`,
                  },
                ],
                'threshold',
              ),
        );
      }
      break;
    case 'continueIfStageGoalsMet':
      for (const r of passing) {
        if (!r.stageGoals) {
          blocking.push({ ko: `${r.team} 팀의 단계 목표 점검 결과가 없습니다`, en: `no stage-goal check for ${r.team}` });
          decided.set(r.team, item(r, 'continue', [{ ko: '단계 목표 점검 대기', en: 'awaiting the stage-goal check' }]));
          continue;
        }
        const { met, declared } = r.stageGoals;
        const ok = met / declared >= rules.stageGoals.requiredShare - 1e-9;
        const said = { ko: `단계 목표 ${declared}개 중 ${met}개 달성`, en: `met ${met} of ${declared} stage goals` };
        decided.set(
          r.team,
          ok
            ? // the reason is read by the team in its letter: the phase key is no words for them
              item(r, 'continue', [{ ko: `${said.ko} — 다음 단계 진행`, en: `${said.en}; continues to the next phase` }])
            : item(r, 'eliminate', [{ ko: `${said.ko} — 기준 미달`, en: `${said.en}; short of the required share` }], 'stageGoals'),
        );
      }
      break;
  }
  // same order as the results table: best standing first, then gate eliminations
  const keys = tieBreakKeys(scheme, rules.tieBreak);
  const order = [...results].sort((a, b) => Number(!a.gatesPassed) - Number(!b.gatesPassed) || compareStanding(a, b, keys) || (a.team < b.team ? -1 : 1));
  return { policy: policy.kind, items: order.map((r) => decided.get(r.team)!), blocking, unresolvedTie, incomplete: [] };
}
