import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { reminderDue, reminderKey, type ReminderKind } from '@stagegate/core/notifications/reminders';
import type { Notice } from '@stagegate/core/notifications/templates';
import type { Db } from '../db/connect.ts';
import {
  applications,
  remindersSent,
  reviewAssignments,
  reviewerPool,
  reviewRounds,
  reviewSheets,
  stageEvaluationAppeals,
  stageEvaluationDecisions,
  stageEvaluations,
} from '../db/schema/index.ts';
import { resolveCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import { notify, organisationRecipients, taskRecipients, type Recipient } from './notify.ts';

interface Candidate {
  kind: ReminderKind;
  subjectId: string;
  deadline: Date;
  to: Recipient[];
  notice: Notice;
  link: string;
}

/**
 * Reminds people before a deadline: applicants whose draft is not submitted before the call closes,
 * reviewers with sheets not submitted before their round is due, teams that have not appealed
 * before the appeal window ends. Each reminder's key is recorded in the transaction that writes it,
 * so the sweep is idempotent across runs and processes. `now` is the database's clock unless given.
 */
export async function sweepReminders(db: Db, opts: { now?: Date } = {}): Promise<{ sent: number }> {
  const now = opts.now ?? (await databaseNow(db));
  const candidates = [...(await callClosing(db, now)), ...(await reviewsDue(db, now)), ...(await appealsClosing(db, now))];
  let sent = 0;
  for (const c of candidates) {
    for (const to of c.to) {
      if (!('userId' in to)) continue;
      const key = reminderKey(c.kind, c.subjectId, to.userId, c.deadline);
      const wrote = await db.transaction(async (tx) => {
        const [fresh] = await tx.insert(remindersSent).values({ key }).onConflictDoNothing().returning();
        if (!fresh) return false;
        await notify(tx, { to, notice: c.notice, link: c.link });
        return true;
      });
      if (wrote) sent++;
    }
  }
  return { sent };
}

async function callClosing(db: Db, now: Date): Promise<Candidate[]> {
  const drafts = await db.select().from(applications).where(eq(applications.status, 'draft'));
  const out: Candidate[] = [];
  const calls = new Map<string, Awaited<ReturnType<typeof resolveCall>>>();
  for (const a of drafts) {
    const k = `${a.programSlug}/${a.callKey}`;
    if (!calls.has(k)) calls.set(k, await resolveCall(db, a.programSlug, a.callKey));
    const call = calls.get(k);
    if (!call) continue;
    const closes = a.extendedUntil && a.extendedUntil > call.closes ? a.extendedUntil : call.closes;
    if (!reminderDue('call-closing', closes, now)) continue;
    out.push({
      kind: 'call-closing',
      subjectId: a.id,
      deadline: closes,
      to: await organisationRecipients(db, [a.organisationId]),
      notice: {
        kind: 'reminder-call-closing',
        params: { call: call.call.name, title: (a.proposal as ProposalDraft).title ?? '', closesAt: closes.toISOString() },
      },
      link: `/applications/${a.id}`,
    });
  }
  return out;
}

async function reviewsDue(db: Db, now: Date): Promise<Candidate[]> {
  const rounds = (await db.select().from(reviewRounds).where(isNotNull(reviewRounds.dueAt))).filter((r) => reminderDue('review-due', r.dueAt!, now));
  const out: Candidate[] = [];
  for (const r of rounds) {
    const call = await resolveCall(db, r.programSlug, r.callKey);
    const assigned = await db
      .select({ reviewerId: reviewAssignments.reviewerId, applicationId: reviewAssignments.applicationId, userId: reviewerPool.userId })
      .from(reviewAssignments)
      .innerJoin(reviewerPool, eq(reviewerPool.id, reviewAssignments.reviewerId))
      .where(eq(reviewAssignments.roundId, r.id));
    const submitted = await db
      .select({ reviewerId: reviewSheets.reviewerId, applicationId: reviewSheets.applicationId })
      .from(reviewSheets)
      .where(and(eq(reviewSheets.roundId, r.id), eq(reviewSheets.status, 'submitted')));
    const done = new Set(submitted.map((s) => `${s.reviewerId}/${s.applicationId}`));
    const pending = new Map<string, number>();
    for (const a of assigned) if (a.userId && !done.has(`${a.reviewerId}/${a.applicationId}`)) pending.set(a.userId, (pending.get(a.userId) ?? 0) + 1);
    for (const [userId, n] of pending) {
      out.push({
        kind: 'review-due',
        subjectId: r.id,
        deadline: r.dueAt!,
        to: [{ userId }],
        notice: {
          kind: 'reminder-review-due',
          params: { call: call?.call.name ?? { ko: r.callKey, en: r.callKey }, round: r.name, pending: n, dueAt: r.dueAt!.toISOString() },
        },
        link: '/review/me',
      });
    }
  }
  return out;
}

async function appealsClosing(db: Db, now: Date): Promise<Candidate[]> {
  const rows = await db
    .select({
      evaluationId: stageEvaluationDecisions.evaluationId,
      outcomes: stageEvaluationDecisions.outcomes,
      closes: stageEvaluationDecisions.appealClosesAt,
      correction: stageEvaluationDecisions.correction,
      name: stageEvaluations.name,
    })
    .from(stageEvaluationDecisions)
    .innerJoin(stageEvaluations, eq(stageEvaluations.id, stageEvaluationDecisions.evaluationId))
    .where(isNotNull(stageEvaluationDecisions.appealClosesAt));
  const out: Candidate[] = [];
  for (const d of rows) {
    // a team a correction eliminated has its own window, opened by the correction; every other team the decision's
    const own = new Map((d.correction?.appealWindows ?? []).map((w) => [w.taskKey, new Date(w.closesAt)]));
    const due = d.outcomes.flatMap((o) => {
      const closes = own.get(o.taskKey) ?? d.closes!;
      return reminderDue('appeal-closing', closes, now) ? [{ o, closes }] : [];
    });
    if (!due.length) continue;
    const filed = await db
      .select({ taskId: stageEvaluationAppeals.taskId })
      .from(stageEvaluationAppeals)
      .where(
        and(
          eq(stageEvaluationAppeals.evaluationId, d.evaluationId),
          inArray(
            stageEvaluationAppeals.taskId,
            due.map(({ o }) => o.taskId),
          ),
        ),
      );
    for (const { o, closes } of due) {
      if (filed.some((f) => f.taskId === o.taskId)) continue;
      out.push({
        kind: 'appeal-closing',
        subjectId: `${d.evaluationId}/${o.taskId}`,
        deadline: closes,
        to: await taskRecipients(db, o.taskId),
        notice: { kind: 'reminder-appeal-closing', params: { evaluation: d.name, team: o.taskKey, closesAt: closes.toISOString() } },
        link: `/stage-evaluations/${d.evaluationId}/teams/${o.taskKey}`,
      });
    }
  }
  return out;
}

/** Runs the sweep shortly after start (not in the way of start-up) and then every `everyMs` (10 minutes) until stopped. */
export function startReminderSweep(db: Db, opts: { firstAfterMs?: number; everyMs?: number; onError?: (e: unknown) => void } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let every: NodeJS.Timeout | undefined;
  const run = () => {
    running = sweepReminders(db).catch((e) => opts.onError?.(e));
  };
  const first = setTimeout(() => {
    run();
    every = setInterval(run, opts.everyMs ?? 600_000);
    every.unref();
  }, opts.firstAfterMs ?? 15_000);
  first.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
