import { createHash } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { assignReviewers } from '@stagegate/core/review/assign-reviewers';
import { computeAffinity } from '@stagegate/core/review/affinity';
import { diffAssignments } from '@stagegate/core/review/assignment-diff';
import { domainLabels, proposalDomains, type ProposalDomain } from '@stagegate/core/application/proposal';
import { nextRunStatus } from '@stagegate/core/selection/assignment-run-state';
import { applyManualChanges, type Pair } from '@stagegate/core/selection/manual-assignment';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { assignmentRuns, reviewAssignments, reviewerPool, reviewSheets, roundPanel, type RunResult } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { applicationLabel, type ReviewCall, type ReviewedApplication, type RoundRow } from './review-call.ts';
import { blockingConflicts } from './conflict-service.ts';
import { detectAndWithdraw } from './late-conflict-withdrawal.ts';
import { roundApplications, roundLockedMessage } from './round-service.ts';

export type RunRow = typeof assignmentRuns.$inferSelect;
type Diff = NonNullable<RunResult['diff']>;

const pairKey = (p: Pair) => `${p[0]}|${p[1]}`;

/** A fingerprint of an assignment: a run computed against it may only be deployed while it holds. */
export function assignmentBasis(pairs: Pair[]): string {
  return createHash('sha256').update(pairs.map(pairKey).sort().join('\n')).digest('hex').slice(0, 16);
}

export async function currentAssignment(db: Db | Tx, roundId: string): Promise<Pair[]> {
  const rows = await db
    .select()
    .from(reviewAssignments)
    .where(eq(reviewAssignments.roundId, roundId))
    .orderBy(asc(reviewAssignments.applicationId), asc(reviewAssignments.reviewerId));
  return rows.map((r) => [r.applicationId, r.reviewerId]);
}

export async function roundPanelReviewers(db: Db | Tx, roundId: string) {
  return db
    .select({ reviewer: reviewerPool })
    .from(roundPanel)
    .innerJoin(reviewerPool, eq(reviewerPool.id, roundPanel.reviewerId))
    .where(eq(roundPanel.roundId, roundId))
    .orderBy(asc(reviewerPool.seq))
    .then((rows) => rows.map((r) => r.reviewer));
}

/** Domain words a reviewer may write either way ("의료", "medical") mean the proposal's domain key. */
function domainKey(d: string): string {
  const t = d.trim().toLowerCase();
  const hit = proposalDomains.find((k) => k === t || domainLabels[k].ko === d.trim() || domainLabels[k].en === t);
  return hit ?? t;
}

function proposalText(a: ReviewedApplication): string {
  const p = a.proposal;
  return [p.title, p.summary, p.developmentGoals, ...(p.stageGoals ?? []).map((g) => g.metric), p.openSourcePlan?.what].filter(Boolean).join('\n');
}

/**
 * The instance for the solver. Every panel reviewer is a candidate for every proposal (score 0
 * unless the affinity says more), so a small panel is never infeasible for want of overlap; the
 * affinity (domains, keywords, TF-IDF of proposal text against profile) ranks them.
 */
export function buildInstance(apps: ReviewedApplication[], panel: (typeof reviewerPool.$inferSelect)[], round: RoundRow, blocked: Map<string, LocalizedText>) {
  const accepted = panel.filter((r) => r.status === 'accepted');
  const conflicts: [string, string][] = [];
  for (const a of apps) for (const r of accepted) if (blocked.has(`${a.id}|${r.id}`)) conflicts.push([a.id, r.id]);
  const scored = computeAffinity(
    apps.map((a) => ({ id: a.id, domains: a.proposal.domain ? [a.proposal.domain as ProposalDomain] : [], keywords: [], text: proposalText(a) })),
    accepted.map((r) => ({ id: r.id, domains: r.domains.map(domainKey), keywords: r.keywords, profile: [r.profile, ...r.keywords].join('\n') })),
    { exclude: conflicts },
  );
  const score = new Map(scored.map(([p, r, s]) => [`${p}|${r}`, s]));
  const affinity: [string, string, number][] = [];
  for (const a of apps) for (const r of accepted) affinity.push([a.id, r.id, score.get(`${a.id}|${r.id}`) ?? 0]);
  return {
    proposals: apps.map((a) => ({ id: a.id, reviews: round.reviewsPerProposal })),
    reviewers: accepted.map((r) => ({ id: r.id, maxLoad: r.maxLoad, ...(r.minLoad ? { minLoad: r.minLoad } : {}) })),
    affinity,
    conflicts,
  };
}

export async function getRun(db: Db, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(assignmentRuns).where(eq(assignmentRuns.id, id));
  return row;
}

export async function listRuns(db: Db, roundId: string, limit = 20): Promise<RunRow[]> {
  return db.select().from(assignmentRuns).where(eq(assignmentRuns.roundId, roundId)).orderBy(desc(assignmentRuns.createdAt)).limit(limit);
}

/**
 * The solver's path: conflicts refreshed and a `running` run recorded (committed, so others see
 * it), the instance solved, and the run closed as `complete` with its diff against the current
 * assignment, or `no_solution` with the reasons. Nothing changes the assignment until deployed.
 */
export async function runAssignment(db: Db, actor: Actor, call: ReviewCall, round: RoundRow, options: { balance: boolean }): Promise<RunRow> {
  const run = await db.transaction(async (tx) => {
    // a conflict found since the last deployment withdraws that assignment before the solver looks
    await detectAndWithdraw(tx, actor, call);
    const [row] = await tx.insert(assignmentRuns).values({ roundId: round.id, kind: 'solver', status: 'running', options, createdBy: actor.id }).returning();
    await appendAudit(tx, actor, {
      action: 'review.assignment.run',
      objectType: 'assignment-run',
      objectId: row!.id,
      after: { round: round.key, call: `${call.programSlug}/${call.callKey}`, options },
    });
    return row!;
  });
  let result: RunResult;
  let event: 'solved' | 'failed';
  try {
    const [apps, panel, blocked, current] = await Promise.all([
      roundApplications(db, call, round),
      roundPanelReviewers(db, round.id),
      blockingConflicts(db, call.programSlug, call.callKey),
      currentAssignment(db, round.id),
    ]);
    const instance = buildInstance(apps, panel, round, blocked);
    const solved = assignReviewers(instance, { balance: options.balance });
    if (solved.feasible) {
      const assignments = solved.assignments.map(([p, r]) => [String(p), String(r)] as Pair);
      result = { objective: solved.objective, assignments, diff: diffAssignments(current, assignments) as Diff, basis: assignmentBasis(current) };
      event = 'solved';
    } else {
      result = { reasons: solved.reasons.map((r) => ({ kind: r.kind, message: r.message })) };
      event = 'failed';
    }
  } catch (err) {
    result = {
      reasons: [{ kind: 'error', message: { ko: `배정 계산 중 오류: ${(err as Error).message}`, en: `the solver failed: ${(err as Error).message}` } }],
    };
    event = 'failed';
  }
  const to = nextRunStatus('running', event);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(assignmentRuns)
      .set({ status: to.ok ? to.to : 'no_solution', result, finishedAt: new Date() })
      .where(eq(assignmentRuns.id, run.id))
      .returning();
    await appendAudit(tx, actor, {
      action: event === 'solved' ? 'review.assignment.complete' : 'review.assignment.no-solution',
      objectType: 'assignment-run',
      objectId: run.id,
      after:
        event === 'solved'
          ? { objective: result.objective, added: result.diff!.added.length, removed: result.diff!.removed.length, kept: result.diff!.kept.length }
          : { reasons: result.reasons },
    });
    return row!;
  });
}

export type DeployResult =
  | { status: 'refused'; message: LocalizedText }
  | { status: 'stale'; message: LocalizedText }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'committed'; run: RunRow };

/**
 * Whether an assignment may become the round's current one: refused when the current assignment
 * moved since it was computed (run again), when a pair became conflicted meanwhile, or when a pair
 * to remove already carries a submitted review (its scores would be orphaned).
 */
async function checkDeploy(
  tx: Tx,
  call: ReviewCall,
  round: RoundRow,
  proposed: Pair[],
  basis: string,
): Promise<{ refusal: DeployResult } | { current: Pair[]; diff: Diff }> {
  const current = await currentAssignment(tx, round.id);
  if (assignmentBasis(current) !== basis) {
    return {
      refusal: {
        status: 'stale',
        message: { ko: '계산 이후 현재 배정이 바뀌었습니다. 다시 실행하세요', en: 'the current assignment changed since this was computed; run it again' },
      },
    };
  }
  const blocked = await blockingConflicts(tx, call.programSlug, call.callKey);
  const clash = proposed.find((p) => blocked.has(pairKey(p)));
  if (clash) {
    const why = blocked.get(pairKey(clash))!;
    return {
      refusal: {
        status: 'refused',
        message: {
          ko: `이해충돌이 있는 쌍이 포함되어 반영할 수 없습니다: ${why.ko}`,
          en: `a pair has a conflict of interest and cannot be assigned: ${why.en}`,
        },
      },
    };
  }
  const diff = diffAssignments(current, proposed) as Diff;
  if (diff.removed.length) {
    const sheets = await tx
      .select()
      .from(reviewSheets)
      .where(and(eq(reviewSheets.roundId, round.id), eq(reviewSheets.status, 'submitted')));
    const scored = new Set(sheets.map((s) => `${s.applicationId}|${s.reviewerId}`));
    const lost = diff.removed.filter((p) => scored.has(pairKey(p)));
    if (lost.length) {
      return {
        refusal: {
          status: 'refused',
          message: {
            ko: `제출된 평가가 있는 배정 ${lost.length}건을 해제하게 됩니다`,
            en: `${lost.length} assignment(s) to remove already have submitted reviews`,
          },
        },
      };
    }
  }
  return { current, diff };
}

async function applyDeploy(tx: Tx, actor: Actor, round: RoundRow, run: RunRow, proposed: Pair[], current: Pair[], diff: Diff): Promise<RunRow> {
  await tx.delete(reviewAssignments).where(eq(reviewAssignments.roundId, round.id));
  if (proposed.length)
    await tx.insert(reviewAssignments).values(proposed.map(([applicationId, reviewerId]) => ({ roundId: round.id, applicationId, reviewerId, runId: run.id })));
  await tx
    .update(assignmentRuns)
    .set({ status: 'superseded' })
    .where(and(eq(assignmentRuns.roundId, round.id), eq(assignmentRuns.status, 'deployed')));
  const [row] = await tx.update(assignmentRuns).set({ status: 'deployed', deployedAt: new Date() }).where(eq(assignmentRuns.id, run.id)).returning();
  await appendAudit(tx, actor, {
    action: 'review.assignment.deploy',
    objectType: 'assignment-run',
    objectId: run.id,
    before: { pairs: current.length },
    after: { round: round.key, kind: run.kind, added: diff.added, removed: diff.removed, pairs: proposed.length },
  });
  return row!;
}

/** The commit step of a solver run: only a `complete` run deploys. */
export async function deployRun(db: Db, actor: Actor, call: ReviewCall, round: RoundRow, runId: string): Promise<DeployResult> {
  const locked = roundLockedMessage(call, round);
  if (locked) return { status: 'refused', message: locked };
  return db.transaction(async (tx): Promise<DeployResult> => {
    const [run] = await tx.select().from(assignmentRuns).where(eq(assignmentRuns.id, runId)).for('update');
    const step = nextRunStatus(run!.status, 'deploy');
    if (!step.ok) return { status: 'refused', message: step.message };
    const proposed = run!.result.assignments ?? [];
    const checked = await checkDeploy(tx, call, round, proposed, run!.result.basis ?? '');
    if ('refusal' in checked) return checked.refusal;
    return { status: 'committed', run: await applyDeploy(tx, actor, round, run!, proposed, checked.current, checked.diff) };
  });
}

export type ManualResult = { status: 'invalid'; issues: FieldIssue[] } | { status: 'preview'; diff: Diff; basis: string } | DeployResult;

/** A hand edit takes the same path: checked (conflicts, panel, loads), previewed as a diff, then deployed as a `manual` run. */
export async function manualAssignment(
  db: Db,
  actor: Actor,
  call: ReviewCall,
  round: RoundRow,
  input: { add: Pair[]; remove: Pair[]; mode: 'preview' | 'commit'; basis?: string },
): Promise<ManualResult> {
  const locked = roundLockedMessage(call, round);
  if (locked) return { status: 'refused', message: locked };
  const [apps, panel, blocked, current] = await Promise.all([
    roundApplications(db, call, round),
    roundPanelReviewers(db, round.id),
    blockingConflicts(db, call.programSlug, call.callKey),
    currentAssignment(db, round.id),
  ]);
  const { proposed, issues } = applyManualChanges(
    {
      current,
      applications: new Map(apps.map((a) => [a.id, applicationLabel(a)])),
      panel: new Map(panel.map((r) => [r.id, { label: r.name, accepted: r.status === 'accepted', maxLoad: r.maxLoad }])),
      conflicts: blocked,
    },
    input.add,
    input.remove,
  );
  if (issues.length) return { status: 'invalid', issues };
  const basis = assignmentBasis(current);
  if (input.mode === 'preview') return { status: 'preview', diff: diffAssignments(current, proposed) as Diff, basis };
  return db.transaction(async (tx): Promise<DeployResult> => {
    const checked = await checkDeploy(tx, call, round, proposed, input.basis ?? basis);
    if ('refusal' in checked) return checked.refusal;
    const [run] = await tx
      .insert(assignmentRuns)
      .values({
        roundId: round.id,
        kind: 'manual',
        status: 'complete',
        options: {},
        result: { assignments: proposed, diff: checked.diff, basis: assignmentBasis(checked.current) },
        createdBy: actor.id,
        finishedAt: new Date(),
      })
      .returning();
    return { status: 'committed', run: await applyDeploy(tx, actor, round, run!, proposed, checked.current, checked.diff) };
  });
}
