import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { checkSelection, outcomeLabels, type SelectionEntry, type SelectionOutcome } from '@stagegate/core/selection/selection-limits';
import { clusterUsernameFor, nextTaskKeys } from '@stagegate/core/selection/task-key';
import { fillTaskSlots } from '@stagegate/core/selection/task-slots';
import { recordCallStep } from '../applications/call-state-store.ts';
import { unverifiedSelectionIssue } from '@stagegate/core/selection/verified-consortium';
import { resolveConsortium } from '../applications/eligibility-service.ts';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import {
  applications,
  organisationMembers,
  organisations,
  reviewCallConfig,
  reviewerPool,
  selectionDecisions,
  tasks,
  taskMembers,
  user,
} from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { applicationLabel, callSlots, ensureReviewSetup, submittedApplications, type ReviewCall } from './review-call.ts';
import { countedSheets, computeRanking, leftRounds } from './ranking-service.ts';
import { notifyAll, organisationRecipients } from '../notifications/notify.ts';
import { publishResultBundle } from '../results-bundle/publish-bundle.ts';
import { selectionStateIssue } from './selection-window.ts';
import { majorityTallies, noSelectionOutcome, termsOf } from './additional-call-service.ts';
import { majorityIssues, offeredGpus } from '@stagegate/core/selection/additional-call';
import { readAll } from '../db/read-all.ts';

export interface DecisionInput {
  applicationId: string;
  outcome: SelectionOutcome;
  reason: string;
}

export interface DecisionChange {
  applicationId: string;
  label: string;
  before: { outcome: SelectionOutcome; reason: string } | null;
  after: { outcome: SelectionOutcome; reason: string };
}

export type SelectionResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'unchanged' }
  | { status: 'preview'; changes: DecisionChange[]; tasksToCreate: number; tasks: { key: string; applicationId: string; reuse: boolean }[] }
  | { status: 'committed'; changes: DecisionChange[]; tasks: { key: string; applicationId: string }[] };

const poolGpus = (call: ReviewCall) => call.program.gpuPools.reduce((s, p) => s + p.gpuCount, 0);

/** The year in a task key: the call's opening year (2025 for `2025-call`). */
function callYear(call: ReviewCall): number {
  const c = call.program.calls.find((x) => x.key === call.callKey)!;
  return Number(c.opens.slice(0, 4));
}

/**
 * The tasks that hold the call's slots — those of its applications and those registered under its
 * slot keys — and which task each newly selected application becomes (core's fillTaskSlots).
 */
async function planSlots(db: Db | Tx, call: ReviewCall, selected: string[], lock = false) {
  const slots = callSlots(call);
  const mine = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.programSlug, call.programSlug), eq(applications.callKey, call.callKey)));
  const ids = mine.map((a) => a.id);
  const query = db
    .select({ key: tasks.key, applicationId: tasks.applicationId })
    .from(tasks)
    .where(
      and(
        eq(tasks.programSlug, call.programSlug),
        or(ids.length ? inArray(tasks.applicationId, ids) : undefined, slots.keys.length ? inArray(tasks.key, slots.keys) : undefined) ?? eq(tasks.key, ''),
      ),
    )
    .orderBy(asc(tasks.key));
  const existing = lock ? await query.for('update') : await query;
  const taken = (await db.select({ key: tasks.key }).from(tasks)).map((t) => t.key);
  const fresh = nextTaskKeys(call.programSlug, callYear(call), slots.count, taken);
  return fillTaskSlots(slots, existing, selected, fresh);
}

/**
 * The office records selected / reserve / rejected with a reason. The whole call's decisions (the
 * ones sent merged over the ones stored) must keep the limits: no more selected than the call's
 * slots, the selected GPUs within the pool in every phase, and only between the call's close and
 * its publication. On commit each newly selected application fills one of the call's task slots —
 * a task the office registered for it (`sfm-01`) or a new one (`sfm-2025-01`) — never more tasks
 * than slots; its members are the applicant organisation's accounts.
 * A selected application whose task exists cannot be unselected here (the task has a life of its own).
 */
export async function saveSelection(db: Db, actor: Actor, call: ReviewCall, input: DecisionInput[], mode: 'preview' | 'commit'): Promise<SelectionResult> {
  const apps = await submittedApplications(db, call.programSlug, call.callKey);
  const byId = new Map(apps.map((a) => [a.id, a]));
  const stored = await db
    .select()
    .from(selectionDecisions)
    .where(and(eq(selectionDecisions.programSlug, call.programSlug), eq(selectionDecisions.callKey, call.callKey)));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.forEach((d, i) => {
    if (!byId.has(d.applicationId))
      issues.push({
        field: `decisions.${i}.applicationId`,
        message: { ko: '이 공모에 제출된 신청이 아닙니다', en: 'not a submitted application of this call' },
      });
    if (seen.has(d.applicationId))
      issues.push({ field: `decisions.${i}.applicationId`, message: { ko: '같은 신청이 두 번 있습니다', en: 'the same application appears twice' } });
    seen.add(d.applicationId);
    const before = stored.find((s) => s.applicationId === d.applicationId);
    if (before?.taskId && d.outcome !== 'selected') {
      issues.push({
        field: `decisions.${i}.outcome`,
        message: { ko: '이미 과제로 등록된 선정은 여기서 취소할 수 없습니다', en: 'this application is already a task; its selection cannot be undone here' },
      });
    }
  });
  if (issues.length) return { status: 'invalid', issues };
  const scored = new Set((await countedSheets(db, call)).map((s) => s.applicationId));
  const left = await leftRounds(db, call);
  input.forEach((d, i) => {
    const out = left.get(d.applicationId);
    if (d.outcome === 'selected' && out) {
      issues.push({
        field: `decisions.${i}.outcome`,
        message: {
          ko: `${out.name.ko} 단계에서 압축 대상에 들지 못한 신청은 선정할 수 없습니다`,
          en: `an application that was not shortlisted in the ${out.name.en} cannot be selected`,
        },
      });
    }
  });
  input.forEach((d, i) => {
    if (d.outcome === 'selected' && !scored.has(d.applicationId)) {
      issues.push({
        field: `decisions.${i}.outcome`,
        message: { ko: '제출된 평가가 없는 신청은 선정할 수 없습니다', en: 'an application without submitted reviews cannot be selected' },
      });
    }
  });
  // a selection stands on verified identities: every member's record as the registry holds it now
  for (const [i, d] of input.entries()) {
    if (d.outcome !== 'selected' || stored.find((s) => s.applicationId === d.applicationId)?.taskId) continue;
    const app = byId.get(d.applicationId)!;
    const { consortium, issues: unresolved } = await resolveConsortium(db, call.program, app.consortium, app.organisationId, { snapshot: true });
    if (!consortium) issues.push(...unresolved.map((u) => ({ ...u, field: `decisions.${i}.outcome` })));
    else {
      const unverified = unverifiedSelectionIssue(`decisions.${i}.outcome`, applicationLabel(app), consortium);
      if (unverified) issues.push(unverified);
    }
  }
  const merged = new Map<string, DecisionInput>(stored.map((s) => [s.applicationId, { applicationId: s.applicationId, outcome: s.outcome, reason: s.reason }]));
  for (const d of input) merged.set(d.applicationId, { ...d, reason: d.reason.trim() });
  const order = [...merged.values()];
  const entries: SelectionEntry[] = order.map((d) => ({
    applicationId: d.applicationId,
    label: applicationLabel(byId.get(d.applicationId) ?? { id: d.applicationId, receiptNo: null, proposal: {} }),
    outcome: d.outcome,
    reason: d.reason,
    gpuRequest: byId.get(d.applicationId)?.proposal.gpuRequest ?? [],
  }));
  const slots = callSlots(call);
  // an additional call's selection must fit its own offer, not the whole pool
  const terms = termsOf(call);
  const limitIssues = checkSelection(entries, { taskCount: slots.count, poolGpus: terms ? offeredGpus(terms) : poolGpus(call) }).map((i) => {
    const m = /^decisions\.(\d+)\.(.*)$/.exec(i.field);
    if (!m) return i;
    const at = input.findIndex((d) => d.applicationId === order[Number(m[1])]!.applicationId);
    return { ...i, field: at >= 0 ? `decisions.${at}.${m[2]}` : 'decisions' };
  });
  issues.push(...limitIssues);
  const tallies = await majorityTallies(db, call);
  if (tallies) {
    issues.push(
      ...majorityIssues(
        input.map((d, i) => ({
          field: `decisions.${i}.outcome`,
          label: entries.find((e) => e.applicationId === d.applicationId)!.label,
          outcome: d.outcome,
          tally: tallies.get(d.applicationId)!,
        })),
      ),
    );
    if (call.config.noSelectionReason && input.some((d) => d.outcome === 'selected')) {
      issues.push({
        field: 'decisions',
        message: { ko: "이 공모에는 '선정 없음'이 기록되어 있어 선정할 수 없습니다", en: 'this call has "no selection" recorded; nothing can be selected' },
      });
    }
  }
  const stateIssue = await selectionStateIssue(db, call);
  if (stateIssue) issues.push(stateIssue);
  if (issues.length) return { status: 'invalid', issues };

  const changes: DecisionChange[] = [];
  for (const d of input) {
    const before = stored.find((s) => s.applicationId === d.applicationId);
    if (before && before.outcome === d.outcome && before.reason === d.reason.trim()) continue;
    changes.push({
      applicationId: d.applicationId,
      label: applicationLabel(byId.get(d.applicationId)!),
      before: before ? { outcome: before.outcome, reason: before.reason } : null,
      after: { outcome: d.outcome, reason: d.reason.trim() },
    });
  }
  const newlySelected = changes.filter((c) => c.after.outcome === 'selected' && !stored.find((s) => s.applicationId === c.applicationId)?.taskId);
  if (changes.length === 0) return { status: 'unchanged' };
  const planned = await planSlots(
    db,
    call,
    newlySelected.map((c) => c.applicationId),
  );
  if (!planned.ok) return { status: 'invalid', issues: [planned.issue] };
  if (mode === 'preview') return { status: 'preview', changes, tasksToCreate: planned.fills.filter((f) => !f.reuse).length, tasks: planned.fills };

  return db.transaction(async (tx) => {
    await ensureReviewSetup(tx, actor, call.programSlug, call.callKey);
    // judged again under the lock of the call's slot tasks, so two commits cannot both take the last slot
    const again = await planSlots(
      tx,
      call,
      newlySelected.map((c) => c.applicationId),
      true,
    );
    if (!again.ok) return { status: 'invalid' as const, issues: [again.issue] };
    const fillOf = new Map(again.fills.map((f) => [f.applicationId, f]));
    const created: { key: string; applicationId: string }[] = [];
    for (const c of changes) {
      let taskId: string | null = stored.find((s) => s.applicationId === c.applicationId)?.taskId ?? null;
      const app = byId.get(c.applicationId)!;
      if (c.after.outcome === 'selected' && !taskId) {
        const fill = fillOf.get(app.id)!;
        const key = fill.key;
        const [org] = await tx.select().from(organisations).where(eq(organisations.id, app.organisationId));
        const title = app.proposal.title ?? key;
        // a slot the office registered keeps its task (and its allocations); it now names its application
        const [task] = fill.reuse
          ? await tx
              .update(tasks)
              .set({ applicationId: app.id, updatedAt: new Date() })
              .where(and(eq(tasks.key, key), isNull(tasks.applicationId)))
              .returning()
          : await tx
              .insert(tasks)
              .values({
                programSlug: call.programSlug,
                key,
                name: { ko: title, en: title },
                applicationId: app.id,
                leadOrganisationName: org ? { ko: org.nameKo, en: org.nameEn } : null,
              })
              .returning();
        const people = await tx
          .select({ userId: organisationMembers.userId, role: organisationMembers.role, email: user.email })
          .from(organisationMembers)
          .innerJoin(user, eq(user.id, organisationMembers.userId))
          .where(eq(organisationMembers.organisationId, app.organisationId));
        const usedNames = new Set<string>();
        for (const p of people) {
          let name = clusterUsernameFor(p.email);
          for (let n = 2; usedNames.has(name); n++) name = `${clusterUsernameFor(p.email).slice(0, 29)}${n}`;
          usedNames.add(name);
          await tx
            .insert(taskMembers)
            .values({ taskId: task!.id, clusterUsername: name, userId: p.userId, role: p.role === 'admin' ? 'lead' : 'member' })
            .onConflictDoNothing();
        }
        await appendAudit(tx, actor, {
          action: fill.reuse ? 'task.fill' : 'task.create',
          objectType: 'task',
          objectId: task!.id,
          after: { key, applicationId: app.id, members: people.length, from: 'selection' },
        });
        taskId = task!.id;
        created.push({ key, applicationId: app.id });
      }
      await tx
        .insert(selectionDecisions)
        .values({
          applicationId: c.applicationId,
          programSlug: call.programSlug,
          callKey: call.callKey,
          outcome: c.after.outcome,
          reason: c.after.reason,
          taskId,
          decidedBy: actor.id,
          decidedAt: new Date(),
        })
        .onConflictDoUpdate({
          target: selectionDecisions.applicationId,
          set: { outcome: c.after.outcome, reason: c.after.reason, taskId, decidedBy: actor.id, decidedAt: new Date() },
        });
      await appendAudit(tx, actor, {
        action: 'selection.decide',
        objectType: 'application',
        objectId: c.applicationId,
        before: c.before,
        after: { ...c.after, taskId },
        reason: c.after.reason,
      });
    }
    return { status: 'committed' as const, changes, tasks: created };
  });
}

/** Publishing lets applicants see their result and their anonymised scores; every application needs a decision first. */
/** What publishing would make public: the decisions by outcome, and the applications still undecided (which refuse it). */
export async function publicationOutline(db: Db, call: ReviewCall) {
  const [apps, decisions] = await Promise.all([
    submittedApplications(db, call.programSlug, call.callKey),
    db
      .select()
      .from(selectionDecisions)
      .where(and(eq(selectionDecisions.programSlug, call.programSlug), eq(selectionDecisions.callKey, call.callKey))),
  ]);
  const undecided = apps.filter((a) => !decisions.some((d) => d.applicationId === a.id));
  const count = (o: string) => decisions.filter((d) => d.outcome === o && apps.some((a) => a.id === d.applicationId)).length;
  return {
    selected: count('selected'),
    reserve: count('reserve'),
    rejected: count('rejected'),
    undecided: undecided.map((a) => a.receiptNo ?? a.id),
    noSelection: noSelectionOutcome(call),
  };
}

/** Refuses a publication that would leave an application without a decision. */
export const undecidedRefusal = (undecided: string[]): LocalizedText => ({
  ko: `결정이 없는 신청이 ${undecided.length}건 있습니다 (${undecided.join(', ')})`,
  en: `${undecided.length} application(s) have no decision yet (${undecided.join(', ')})`,
});

export async function publishResults(
  db: Db,
  actor: Actor,
  call: ReviewCall,
  publish: boolean,
  reason?: string,
): Promise<{ status: 'refused'; message: LocalizedText } | { status: 'committed'; publishedAt: Date | null }> {
  const outline = await publicationOutline(db, call);
  if (publish && outline.undecided.length) return { status: 'refused', message: undecidedRefusal(outline.undecided) };
  return db.transaction(async (tx) => {
    // publishing is the call's step from review to results published (and withdrawing it, back)
    const step = await recordCallStep(
      tx,
      actor,
      call.programSlug,
      call.callKey,
      publish ? 'publish_results' : 'withdraw_results',
      reason?.trim() || (publish ? 'results published' : 'publication withdrawn'),
    );
    if (!step.ok) return { status: 'refused' as const, message: step.message };
    await ensureReviewSetup(tx, actor, call.programSlug, call.callKey);
    const publishedAt = publish ? new Date() : null;
    await tx
      .update(reviewCallConfig)
      .set({ publishedAt, publishedBy: publish ? actor.id : null })
      .where(and(eq(reviewCallConfig.programSlug, call.programSlug), eq(reviewCallConfig.callKey, call.callKey)));
    await appendAudit(tx, actor, {
      action: publish ? 'selection.publish' : 'selection.unpublish',
      objectType: 'review-call',
      objectId: `${call.programSlug}/${call.callKey}`,
      before: { publishedAt: call.config.publishedAt },
      after: { publishedAt, decisions: outline.selected + outline.reserve + outline.rejected, noSelection: outline.noSelection?.reason ?? null },
    });
    if (publish) {
      const [apps, decisions] = await readAll(tx, [
        () => submittedApplications(tx, call.programSlug, call.callKey),
        () =>
          tx
            .select()
            .from(selectionDecisions)
            .where(and(eq(selectionDecisions.programSlug, call.programSlug), eq(selectionDecisions.callKey, call.callKey))),
      ]);
      await publishResultBundle(tx, actor, { kind: 'selection', id: `${call.programSlug}/${call.callKey}` });
      // each applicant organisation hears its own result when it becomes visible to it
      const callName = call.program.calls.find((c) => c.key === call.callKey)?.name ?? { ko: call.callKey, en: call.callKey };
      for (const d of decisions) {
        const a = apps.find((x) => x.id === d.applicationId);
        if (!a) continue;
        await notifyAll(tx, await organisationRecipients(tx, [a.organisationId]), {
          notice: { kind: 'selection-result', params: { call: callName, title: a.proposal.title ?? '', receiptNo: a.receiptNo ?? '', outcome: d.outcome } },
          link: `/review/results/${a.id}`,
        });
      }
    }
    return { status: 'committed' as const, publishedAt };
  });
}

/**
 * The applicant's view after publication: the decision and reason, the rank and score, and each
 * review of their own application with reviewers as "위원 1, 2, …" (numbered per application, so
 * they cannot be followed across applications) — never names or codes.
 */
export async function applicantResult(db: Db, call: ReviewCall, applicationId: string) {
  const [decision] = await db.select().from(selectionDecisions).where(eq(selectionDecisions.applicationId, applicationId));
  const ranking = await computeRanking(db, call);
  const row = ranking.rows.find((r) => r.applicationId === applicationId);
  const sheets = (await countedSheets(db, call)).filter((s) => s.applicationId === applicationId);
  const pool = sheets.length
    ? await db
        .select({ id: reviewerPool.id, seq: reviewerPool.seq })
        .from(reviewerPool)
        .where(
          inArray(
            reviewerPool.id,
            sheets.map((s) => s.reviewerId),
          ),
        )
    : [];
  const seqOf = new Map(pool.map((p) => [p.id, p.seq]));
  const criteria = call.program.selectionScheme.groups.map((g) => ({ key: g.key, name: g.name, points: g.points }));
  return {
    publishedAt: call.config.publishedAt,
    decision: decision ? { outcome: decision.outcome, label: outcomeLabels[decision.outcome], reason: decision.reason } : null,
    /** the call's own outcome when no one was selected: "선정 없음" and why */
    callOutcome: noSelectionOutcome(call),
    rank: row?.rank ?? null,
    applications: ranking.rows.length,
    score: row?.score ?? null,
    criteria,
    rounds: call.rounds.map((round) => ({
      key: round.key,
      name: round.name,
      score: row?.perRound[round.key]?.score ?? null,
      reviews: sheets
        .filter((s) => s.roundId === round.id)
        .sort((a, b) => (seqOf.get(a.reviewerId) ?? 0) - (seqOf.get(b.reviewerId) ?? 0))
        .map((s, i) => ({ reviewer: { ko: `위원 ${i + 1}`, en: `Reviewer ${i + 1}` }, total: s.total, scores: s.scores })),
    })),
  };
}
