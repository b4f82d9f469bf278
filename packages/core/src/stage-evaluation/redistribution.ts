import { z } from 'zod';
import type { Allocation } from '../allocation/allocation.ts';
import { addDays, daysInclusive } from '../allocation/calendar-day.ts';
import type { ChangeRequest } from '../allocation/change-request.ts';
import { poolOccupancy } from '../allocation/occupancy.ts';
import { issue, localizedText, type FieldIssue, type LocalizedText } from '../shared/localized.ts';

/**
 * Whole nodes that do not divide evenly: `higher-ranked` gives them one each to the teams with the
 * largest fraction of a node owed, ties to the higher-ranked team; `pool` keeps them in the pool.
 */
const remainder = z.enum(['higher-ranked', 'pool']).default('higher-ranked');

/** How a program hands an eliminated team's GPUs to the teams that remain (program data). */
export const redistributionRule = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('equal-split'), remainder, note: localizedText.optional() }),
  /** in proportion to the GPUs each remaining team holds the day after the decision */
  z.object({ rule: z.literal('proportional'), remainder, note: localizedText.optional() }),
  /** weights by rank position (1st, 2nd …); absent: n for the top team down to 1 for the last */
  z.object({ rule: z.literal('by-rank'), weights: z.array(z.number().nonnegative()).min(1).optional(), remainder, note: localizedText.optional() }),
  /** the office gives each remaining team's GPUs explicitly with the decision */
  z.object({ rule: z.literal('office-decides'), note: localizedText.optional() }),
]);
export type RedistributionRule = z.infer<typeof redistributionRule>;

export interface RedistributionPool {
  key: string;
  gpuCount: number;
  gpusPerNode: number;
}

export interface Recipient {
  taskId: string;
  team: string;
  /** competition rank on the stage's points (1 is best) */
  rank: number;
}

/** The office's amounts under `office-decides`: GPUs per pool key, then per team key. */
export type OfficeAmounts = Record<string, Record<string, number>>;

export interface RedistributionShare {
  team: string;
  /** GPUs the team holds in the pool the day the redistribution takes effect, before it */
  before: number;
  gpus: number;
  /** phases whose per-task cap lets the team take fewer (or none) of them there, and how many it takes */
  limitedBy?: { phaseKey: string; gpus: number }[];
}

export interface PoolRedistribution {
  poolKey: string;
  rule: RedistributionRule['rule'];
  effectiveFrom: string;
  /** GPUs the eliminated teams held in the pool that day: back in the pool first */
  returned: number;
  /** what may go out without the pool being over its size on any later day the teams hold GPUs */
  available: number;
  shares: RedistributionShare[];
  /** GPUs that stay in the pool (less than a node, or remainder nodes the rule keeps) */
  keptInPool: number;
  explanation: LocalizedText;
}

export type RedistributionOutcome = { ok: true; pools: PoolRedistribution[]; requests: ChangeRequest[] } | { ok: false; issues: FieldIssue[] };

const heldOn = (list: readonly Allocation[], poolKey: string, taskIds: (id: string) => boolean, day: string) =>
  list.filter((a) => a.poolKey === poolKey && taskIds(a.taskId) && a.start <= day && a.end >= day).reduce((s, a) => s + a.gpus, 0);

/** The allocations as the elimination leaves them: the eliminated teams' end on the decision day. */
export function afterElimination(list: readonly Allocation[], eliminated: ReadonlySet<string>, decidedOn: string): Allocation[] {
  return list.flatMap((a) => (!eliminated.has(a.taskId) || a.end <= decidedOn ? [a] : a.start > decidedOn ? [] : [{ ...a, end: decidedOn }]));
}

/**
 * Whole nodes split by weights (largest remainder): each team gets the whole nodes its quota
 * covers; nodes left over go one each by the largest fraction owed, ties to the higher rank, unless
 * the rule keeps them in the pool. Never more nodes than given.
 */
export function apportionNodes(
  nodes: number,
  weighted: readonly { team: string; rank: number; weight: number }[],
  keep: 'higher-ranked' | 'pool',
): Map<string, number> {
  const total = weighted.reduce((s, w) => s + w.weight, 0);
  const out = new Map(weighted.map((w) => [w.team, 0]));
  if (nodes <= 0 || total <= 0) return out;
  const quotas = weighted.map((w) => {
    const q = (nodes * w.weight) / total;
    // a quota a hair under a whole number is that number (float division); never above the node count
    const whole = Math.min(nodes, Math.floor(q + 1e-9));
    return { ...w, whole, fraction: q - whole };
  });
  for (const q of quotas) out.set(q.team, q.whole);
  let left = nodes - quotas.reduce((s, q) => s + q.whole, 0);
  if (keep === 'pool' || left <= 0) return out;
  const order = quotas.filter((q) => q.weight > 0).sort((a, b) => b.fraction - a.fraction || a.rank - b.rank || (a.team < b.team ? -1 : 1));
  for (const q of order) {
    if (left === 0) break;
    out.set(q.team, out.get(q.team)! + 1);
    left--;
  }
  return out;
}

export function weightsFor(rule: Exclude<RedistributionRule, { rule: 'office-decides' }>, recipients: readonly (Recipient & { before: number })[]) {
  const n = recipients.length;
  return recipients.map((r) => ({
    team: r.team,
    rank: r.rank,
    weight:
      rule.rule === 'equal-split' ? 1 : rule.rule === 'proportional' ? r.before : rule.weights ? (rule.weights[r.rank - 1] ?? 0) : Math.max(0, n - r.rank + 1),
  }));
}

function explain(rule: RedistributionRule, gpusPerNode: number, keptInPool: number): LocalizedText {
  const kept = keptInPool ? { ko: ` 남은 ${keptInPool}장은 풀에 둡니다.`, en: ` ${keptInPool} GPUs stay in the pool.` } : { ko: '', en: '' };
  const nodes = { ko: `노드(${gpusPerNode}장) 단위`, en: `in whole nodes of ${gpusPerNode}` };
  const rest =
    'remainder' in rule && rule.remainder === 'pool'
      ? { ko: '나누어떨어지지 않는 노드는 풀에 둡니다', en: 'nodes that do not divide evenly stay in the pool' }
      : {
          ko: '나누어떨어지지 않는 노드는 몫의 소수부가 큰 팀, 같으면 상위 순위 팀에 하나씩 줍니다',
          en: 'nodes that do not divide evenly go one each to the largest fraction owed, ties to the higher-ranked team',
        };
  const how: Record<RedistributionRule['rule'], LocalizedText> = {
    'equal-split': { ko: `남은 팀에 똑같이, ${nodes.ko}로 나눕니다. ${rest.ko}.`, en: `split equally among the remaining teams ${nodes.en}; ${rest.en}.` },
    proportional: {
      ko: `남은 팀이 가진 GPU에 비례해 ${nodes.ko}로 나눕니다. ${rest.ko}.`,
      en: `split in proportion to each remaining team's GPUs ${nodes.en}; ${rest.en}.`,
    },
    'by-rank': { ko: `순위별 가중치로 ${nodes.ko} 나눕니다. ${rest.ko}.`, en: `split by rank weights ${nodes.en}; ${rest.en}.` },
    'office-decides': { ko: '사업 운영 기관이 팀별 수량을 정했습니다.', en: 'the office set each team’s amount.' },
  };
  return { ko: how[rule.rule].ko + kept.ko, en: how[rule.rule].en + kept.en };
}

/**
 * What confirming a decision hands on, per pool, from the day after the decision: the eliminated
 * teams' GPUs return to the pool first (their allocations end on the decision day), then the
 * program's rule gives them out in whole nodes to the remaining teams, raising each of their
 * allocations in the pool that runs on or after that day. Never more than the pool can hold on any
 * day those allocations run. Without a rule nothing is handed on. The requests are supplements for
 * core's change-request rule, to apply after the eliminations.
 */
export function proposeRedistribution(input: {
  rule: RedistributionRule | undefined;
  pools: readonly RedistributionPool[];
  /** the program's allocations before the decision */
  allocations: readonly Allocation[];
  eliminated: ReadonlySet<string>;
  recipients: readonly Recipient[];
  decidedOn: string;
  amounts?: OfficeAmounts | undefined;
  /** the most GPUs one task may hold at once in a phase, over every pool (the call's terms), by phase key */
  phaseCaps?: Readonly<Record<string, number>>;
}): RedistributionOutcome {
  const { rule, decidedOn } = input;
  const from = addDays(decidedOn, 1);
  const issues: FieldIssue[] = [];
  if (input.amounts && rule?.rule !== 'office-decides') {
    return {
      ok: false,
      issues: [
        issue(
          'redistribution.amounts',
          '사업 규정이 재배분 수량을 정하므로 수량을 줄 수 없습니다',
          'the program’s rule sets the amounts; the office gives none',
        ),
      ],
    };
  }
  if (!rule || input.eliminated.size === 0) return { ok: true, pools: [], requests: [] };
  const after = afterElimination(input.allocations, input.eliminated, decidedOn);
  const pools: PoolRedistribution[] = [];
  const requests: ChangeRequest[] = [];
  for (const pool of input.pools) {
    const returned = heldOn(input.allocations, pool.key, (id) => input.eliminated.has(id), from);
    const theirs = (taskId: string) => after.filter((a) => a.poolKey === pool.key && a.taskId === taskId && a.end >= from);
    const recipients = input.recipients
      .filter((r) => !input.eliminated.has(r.taskId) && theirs(r.taskId).length > 0)
      .map((r) => ({ ...r, before: heldOn(after, pool.key, (id) => id === r.taskId, from) }));
    if (returned === 0 || recipients.length === 0) continue;
    const lastDay = recipients.flatMap((r) => theirs(r.taskId)).reduce((m, a) => (a.end > m ? a.end : m), from);
    const fullest = poolOccupancy(after, pool.key, from, lastDay).reduce((m, s) => Math.max(m, s.total), 0);
    const available = Math.max(0, Math.min(returned, pool.gpuCount - fullest));
    let given: Map<string, number>;
    if (rule.rule === 'office-decides') {
      const field = `redistribution.amounts.${pool.key}`;
      const asked = input.amounts?.[pool.key];
      if (!asked) {
        issues.push(
          issue(
            field,
            `사업 운영 기관이 남은 팀별 재배분 GPU 수를 정해야 합니다(풀에 남길 GPU는 0): 최대 ${available}장`,
            `the office decides: give each remaining team's GPUs (0 keeps them in the pool), at most ${available} in all`,
          ),
        );
        continue;
      }
      given = new Map();
      for (const [team, gpus] of Object.entries(asked)) {
        const f = `${field}.${team}`;
        if (!recipients.some((r) => r.team === team))
          issues.push(issue(f, `${team} 팀은 이 풀에서 계속하는 팀이 아닙니다`, `${team} is not a remaining team in this pool`));
        else if (!Number.isInteger(gpus) || gpus < 0) issues.push(issue(f, 'GPU 수는 0 이상의 정수여야 합니다', 'GPUs must be a whole number, 0 or more'));
        else if (gpus % pool.gpusPerNode !== 0)
          issues.push(issue(f, `GPU 수는 노드 단위(${pool.gpusPerNode}의 배수)여야 합니다`, `GPUs must be whole nodes (a multiple of ${pool.gpusPerNode})`));
        else given.set(team, gpus);
      }
      const total = [...given.values()].reduce((s, g) => s + g, 0);
      if (total > available)
        issues.push(
          issue(
            field,
            `재배분 합계 ${total}장이 나눌 수 있는 ${available}장보다 많습니다`,
            `${total} GPUs in all is more than the ${available} available to hand on`,
          ),
        );
    } else {
      const nodes = apportionNodes(Math.floor(available / pool.gpusPerNode), weightsFor(rule, recipients), rule.remainder);
      given = new Map([...nodes].map(([team, n]) => [team, n * pool.gpusPerNode]));
    }
    const shares: RedistributionShare[] = recipients
      .map((r) => ({ team: r.team, before: r.before, gpus: given.get(r.team) ?? 0 }))
      .sort((a, b) => b.gpus - a.gpus || (a.team < b.team ? -1 : 1));
    const keptInPool = available - shares.reduce((s, x) => s + x.gpus, 0) + (returned - available);
    pools.push({
      poolKey: pool.key,
      rule: rule.rule,
      effectiveFrom: from,
      returned,
      available,
      shares,
      keptInPool,
      explanation: explain(rule, pool.gpusPerNode, keptInPool),
    });
    for (const r of recipients) {
      const share = given.get(r.team) ?? 0;
      if (share === 0) continue;
      for (const a of theirs(r.taskId)) {
        // a phase's per-task cap holds: the team takes what fits under it there, in whole nodes; the rest stays in the pool those days
        const cap = input.phaseCaps?.[a.phaseKey];
        const held = after.filter((b) => b.taskId === r.taskId && b.phaseKey === a.phaseKey && b.end >= from).reduce((m, b) => m + b.gpus, 0);
        const room = cap === undefined ? share : Math.max(0, Math.floor((cap - held) / pool.gpusPerNode) * pool.gpusPerNode);
        const gpus = Math.min(share, room);
        if (gpus < share) {
          const s = shares.find((x) => x.team === r.team)!;
          s.limitedBy = [...(s.limitedBy ?? []), { phaseKey: a.phaseKey, gpus }];
        }
        if (gpus === 0) continue;
        const start = a.start > from ? a.start : from;
        // a budgeted allocation gets the budget of the added GPUs for the days they are added
        const addGpuMinutes = a.gpuMinutes === null ? undefined : gpus * daysInclusive(start, a.end) * 1440;
        requests.push({ kind: 'supplement', allocationId: a.id, addGpus: gpus, ...(addGpuMinutes ? { addGpuMinutes } : {}), effectiveFrom: from });
      }
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, pools, requests };
}
