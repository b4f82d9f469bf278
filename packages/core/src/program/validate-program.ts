import { issue, type FieldIssue } from '../shared/localized.ts';
import { programDefinition, type ProgramDefinition, type StageComponent } from './definition.ts';
import type { Allocation } from '../allocation/allocation.ts';
import { poolSizeIssues } from '../allocation/capacity.ts';
import { costShareIssues } from './cost-share.ts';
import { additionalCallIssues } from '../selection/additional-call.ts';
import { selectionRoundIssues } from '../selection/selection-rounds.ts';
import { taskSlotsOf } from '../selection/task-slots.ts';
import { callExtrasIssues } from '../call/call-extras.ts';

/** What the rest of the system has already committed against a program, and what stands behind its pools. */
export interface ProgramCommitments {
  /** the program's allocations (a pool may not shrink below what they hold on any day) */
  allocations: Allocation[];
  /** the definition as stored, so a pool that grows is told from one that stays */
  previous?: ProgramDefinition;
  /** GPUs of the inventory nodes placed in each pool (by pool key); null when the pool is not bound */
  placedGpusByPool: Record<string, number | null>;
}

function sumPoints(items: { points: number }[]): number {
  // points may carry one decimal (e.g. 2.5); compare in tenths so 0.1 + 0.2 style drift never refuses
  return Math.round(items.reduce((s, c) => s + c.points, 0) * 1000) / 1000;
}

function checkComponentTree(components: StageComponent[], total: number, path: string, out: FieldIssue[]) {
  const sum = sumPoints(components);
  if (sum !== total) {
    out.push(issue(path, `배점 합계가 ${sum}점으로 총점 ${total}점과 다릅니다`, `points add up to ${sum}, not the scheme's total of ${total}`));
  }
  components.forEach((c, i) => {
    if (c.children?.length) checkComponentTree(c.children, c.points, `${path}.${i}.children`, out);
  });
}

/**
 * The rules a program definition must satisfy beyond its shape: ordered dates, points that add up,
 * pools no smaller than what is already allocated from them. Every problem is returned, each naming
 * its field, so an editor can mark them all at once.
 */
export function validateProgram(
  input: unknown,
  commitments?: ProgramCommitments,
): {
  program?: ProgramDefinition;
  issues: FieldIssue[];
} {
  const parsed = programDefinition.safeParse(input);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => issue(i.path.join('.') || '(root)', `형식 오류: ${i.message}`, `invalid: ${i.message}`)),
    };
  }
  const p = parsed.data;
  const out: FieldIssue[] = [];

  p.phases.forEach((ph, i) => {
    if (ph.end < ph.start) {
      out.push(issue(`phases.${i}.end`, `단계 종료일(${ph.end})이 시작일(${ph.start})보다 빠릅니다`, `phase ends (${ph.end}) before it starts (${ph.start})`));
    }
    const prev = p.phases[i - 1];
    if (prev && ph.start <= prev.end) {
      out.push(
        issue(
          `phases.${i}.start`,
          `단계 시작일(${ph.start})이 이전 단계 종료일(${prev.end})과 겹칩니다`,
          `phase starts (${ph.start}) before the previous phase ends (${prev.end})`,
        ),
      );
    }
  });
  p.calls.forEach((c, i) => {
    if (Date.parse(c.closes) <= Date.parse(c.opens)) {
      out.push(issue(`calls.${i}.closes`, '공모 마감이 시작보다 빠르거나 같습니다', 'the call closes before it opens'));
    }
    out.push(...callExtrasIssues(c, `calls.${i}`));
  });
  const uniq = (field: string, keys: string[]) => {
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) out.push(issue(`${field}.${i}.key`, `중복된 키 "${k}"`, `duplicate key "${k}"`));
    });
  };
  uniq(
    'phases',
    p.phases.map((x) => x.key),
  );
  uniq(
    'gpuPools',
    p.gpuPools.map((x) => x.key),
  );
  uniq(
    'calls',
    p.calls.map((x) => x.key),
  );

  p.gpuPools.forEach((pool, i) => {
    if (pool.gpuCount % pool.gpusPerNode !== 0) {
      out.push(
        issue(
          `gpuPools.${i}.gpuCount`,
          `GPU 수(${pool.gpuCount})가 노드당 GPU 수(${pool.gpusPerNode})의 배수가 아닙니다`,
          `GPU count (${pool.gpuCount}) is not a whole number of nodes of ${pool.gpusPerNode}`,
        ),
      );
    }
    if (commitments) {
      const was = commitments.previous?.gpuPools.find((x) => x.key === pool.key);
      out.push(...poolSizeIssues(`gpuPools.${i}.gpuCount`, pool, was, commitments.allocations, { placedGpus: commitments.placedGpusByPool[pool.key] ?? null }));
    }
  });

  const sel = sumPoints(p.selectionScheme.groups);
  if (sel !== p.selectionScheme.totalPoints) {
    out.push(
      issue(
        'selectionScheme.groups',
        `평가 항목 배점 합계가 ${sel}점으로 총점 ${p.selectionScheme.totalPoints}점과 다릅니다`,
        `criteria points add up to ${sel}, not the scheme's total of ${p.selectionScheme.totalPoints}`,
      ),
    );
  }
  checkComponentTree(p.stageEvaluation.components, p.stageEvaluation.totalPoints, 'stageEvaluation.components', out);

  const policy = p.stageEvaluation.decisionPolicy;
  if (policy.kind === 'eliminateLowest' && policy.finalTeams >= policy.startTeams) {
    out.push(issue('stageEvaluation.decisionPolicy.finalTeams', '최종 팀 수는 시작 팀 수보다 작아야 합니다', 'final teams must be fewer than starting teams'));
  }
  if (policy.kind === 'continueIfStageGoalsMet' && !p.phases.some((ph) => ph.key === policy.nextPhase)) {
    out.push(issue('stageEvaluation.decisionPolicy.nextPhase', `없는 단계 "${policy.nextPhase}"`, `no phase "${policy.nextPhase}"`));
  }
  const componentKeys = new Set<string>();
  const walk = (cs: StageComponent[]) => cs.forEach((c) => (componentKeys.add(c.key), c.children && walk(c.children)));
  walk(p.stageEvaluation.components);
  p.stageEvaluation.indices.forEach((ix, i) =>
    ix.components.forEach((k, j) => {
      if (!componentKeys.has(k)) out.push(issue(`stageEvaluation.indices.${i}.components.${j}`, `없는 평가 요소 "${k}"`, `no component "${k}"`));
    }),
  );
  for (const [i, r] of p.eligibility.rules.entries()) {
    if (r.kind === 'excludedOrganisations' && !p.eligibility.exclusionLists[r.list]) {
      out.push(issue(`eligibility.rules.${i}.list`, `없는 제외 명단 "${r.list}"`, `no exclusion list "${r.list}"`));
    }
  }
  out.push(...additionalCallIssues(p));
  p.calls.forEach((c, i) => {
    if (c.selectionRounds) out.push(...selectionRoundIssues(`calls.${i}.selectionRounds`, c.selectionRounds, taskSlotsOf(p, c).count));
  });
  if (p.costShare) out.push(...costShareIssues(p.costShare));
  const weights = p.redistribution?.rule === 'by-rank' ? p.redistribution.weights : undefined;
  if (weights && weights.every((w) => w === 0))
    out.push(issue('redistribution.weights', '순위별 가중치가 모두 0입니다', 'every rank weight is 0: nothing would be handed on'));
  return out.length ? { issues: out } : { program: p, issues: [] };
}
