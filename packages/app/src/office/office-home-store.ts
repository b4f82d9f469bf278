import { and, asc, count, desc, eq, gte, isNull, ne } from 'drizzle-orm';
import { openUnderUseFlags } from '../usage/under-use-flags.ts';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { ChangeRequest } from '@stagegate/core/allocation/change-request';
import { buildProgramCalendar, type ProgramCalendar } from '@stagegate/core/office/program-calendar';
import { seoulDay } from '@stagegate/core/shared/seoul-time';
import type { Db } from '../db/connect.ts';
import { organisations } from '../db/schema/organisations.ts';
import { stageEvaluationAppeals, stageEvaluationDecisions, stageEvaluations } from '../db/schema/stage-evaluation.ts';
import { allocationChangeRequests } from '../db/schema/allocations.ts';
import { reviewWithdrawals } from '../db/schema/review.ts';
import { applications } from '../db/schema/applications.ts';
import { jobs } from '../db/schema/evaluation.ts';
import { tasks } from '../db/schema/tasks.ts';
import { finalEvaluations } from '../db/schema/final-evaluation.ts';
import { listPrograms } from '../programs/program-store.ts';
import { listCalls } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';

/** One thing waiting for the office: what it is, since when, and the page where it is done. */
export interface WaitingItem {
  id: string;
  label: LocalizedText;
  since: string;
  link: string;
}

export type WaitingKind = 'organisations' | 'appeals' | 'changeRequests' | 'supplements' | 'underUse' | 'lateConflicts' | 'failedJobs';

export interface WaitingGroup {
  kind: WaitingKind;
  /** how many wait in all; `items` shows the oldest few */
  total: number;
  items: WaitingItem[];
}

/** Each group shows this many; the count says how many more there are. */
const SHOWN = 5;
/** A failed job stays on the list this long; older ones are in the job history. */
const FAILED_JOB_DAYS = 30;

const both = (text: string): LocalizedText => ({ ko: text, en: text });

async function waitingOrganisations(db: Db): Promise<WaitingGroup> {
  const unverified = eq(organisations.verificationStatus, 'unverified');
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: count() }).from(organisations).where(unverified),
    db
      .select({ id: organisations.id, ko: organisations.nameKo, en: organisations.nameEn, at: organisations.createdAt })
      .from(organisations)
      .where(unverified)
      .orderBy(asc(organisations.createdAt))
      .limit(SHOWN),
  ]);
  return {
    kind: 'organisations',
    total: n,
    items: rows.map((r) => ({ id: r.id, label: { ko: r.ko, en: r.en }, since: r.at.toISOString(), link: '/organisations' })),
  };
}

async function openAppeals(db: Db): Promise<WaitingGroup> {
  const open = eq(stageEvaluationAppeals.status, 'open');
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: count() }).from(stageEvaluationAppeals).where(open),
    db
      .select({
        id: stageEvaluationAppeals.id,
        evaluationId: stageEvaluations.id,
        name: stageEvaluations.name,
        task: tasks.key,
        at: stageEvaluationAppeals.filedAt,
      })
      .from(stageEvaluationAppeals)
      .innerJoin(stageEvaluations, eq(stageEvaluations.id, stageEvaluationAppeals.evaluationId))
      .innerJoin(tasks, eq(tasks.id, stageEvaluationAppeals.taskId))
      .where(open)
      .orderBy(asc(stageEvaluationAppeals.filedAt))
      .limit(SHOWN),
  ]);
  return {
    kind: 'appeals',
    total: n,
    items: rows.map((r) => ({
      id: r.id,
      label: { ko: `${r.task} · ${r.name.ko}`, en: `${r.task} · ${r.name.en}` },
      since: r.at.toISOString(),
      link: `/stage-evaluations/${r.evaluationId}`,
    })),
  };
}

// every kind a request can be, so a new kind cannot reach the Korean desk untranslated
const requestLabels: Record<ChangeRequest['kind'], LocalizedText> = {
  supplement: { ko: '추가 배정', en: 'supplement' },
  extension: { ko: '기간 연장', en: 'extension' },
  transfer: { ko: '이관', en: 'transfer' },
  reduction: { ko: '감축', en: 'reduction' },
  reclaim: { ko: '회수', en: 'reclaim' },
};

/** Pending change requests: supplements (asks for more GPUs), the other manual requests, and the under-use policy's reclaims. */
async function pendingRequests(db: Db, kind: 'changeRequests' | 'supplements' | 'underUse'): Promise<WaitingGroup> {
  const r = allocationChangeRequests;
  const pending = and(
    eq(r.status, 'pending'),
    kind === 'underUse' ? eq(r.origin, 'under-use-policy') : eq(r.origin, 'manual'),
    kind === 'supplements' ? eq(r.kind, 'supplement') : kind === 'changeRequests' ? ne(r.kind, 'supplement') : undefined,
  );
  const where = pending;
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: count() }).from(r).where(where),
    db
      .select({ id: r.id, kind: r.kind, task: tasks.key, program: r.programSlug, at: r.createdAt })
      .from(r)
      .innerJoin(tasks, eq(tasks.id, r.taskId))
      .where(where)
      .orderBy(asc(r.createdAt))
      .limit(SHOWN),
  ]);
  const label = (k: ChangeRequest['kind'], task: string): LocalizedText => {
    const what = requestLabels[k];
    return { ko: `${task} · ${what.ko}`, en: `${task} · ${what.en}` };
  };
  return { kind, total: n, items: rows.map((x) => ({ id: x.id, label: label(x.kind, x.task), since: x.at.toISOString(), link: '/allocations' })) };
}

/** The under-use policy's pending reclaims and the open warnings it sent, oldest first. */
async function underUse(db: Db): Promise<WaitingGroup> {
  const reclaims = await pendingRequests(db, 'underUse');
  const flags = await openUnderUseFlags(db, SHOWN);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const warned: WaitingItem[] = flags.rows.map((f) => ({
    id: f.id,
    label: {
      ko: `${f.task} · 저사용 경고 (사용률 ${pct(f.utilisation)}, 기준 ${pct(f.threshold)})`,
      en: `${f.task} · under-use warning (${pct(f.utilisation)} used, threshold ${pct(f.threshold)})`,
    },
    since: f.at.toISOString(),
    link: '/allocations',
  }));
  const items = [...reclaims.items, ...warned].sort((a, b) => a.since.localeCompare(b.since)).slice(0, SHOWN);
  return { kind: 'underUse', total: reclaims.total + flags.total, items };
}

async function lateConflicts(db: Db): Promise<WaitingGroup> {
  const w = reviewWithdrawals;
  const waiting = isNull(w.reassignedAt);
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: count() }).from(w).where(waiting),
    db
      .select({ id: w.id, program: w.programSlug, call: w.callKey, receiptNo: applications.receiptNo, detail: w.detail, at: w.withdrawnAt })
      .from(w)
      .innerJoin(applications, eq(applications.id, w.applicationId))
      .where(waiting)
      .orderBy(asc(w.withdrawnAt))
      .limit(SHOWN),
  ]);
  return {
    kind: 'lateConflicts',
    total: n,
    items: rows.map((x) => ({
      id: x.id,
      label: { ko: `${x.receiptNo ?? ''} · ${x.detail.ko}`, en: `${x.receiptNo ?? ''} · ${x.detail.en}` },
      since: x.at.toISOString(),
      link: `/review/office/${x.program}/${x.call}/conflicts`,
    })),
  };
}

const jobLabels: Record<string, LocalizedText> = {
  'provenance.compare': { ko: '체크포인트 비교', en: 'checkpoint comparison' },
  'evaluation.run': { ko: '벤치마크 평가', en: 'benchmark run' },
};

async function failedJobs(db: Db, now: Date): Promise<WaitingGroup> {
  const failed = and(eq(jobs.status, 'failed'), gte(jobs.updatedAt, new Date(now.getTime() - FAILED_JOB_DAYS * 86_400_000)));
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: count() }).from(jobs).where(failed),
    db.select({ id: jobs.id, kind: jobs.kind, error: jobs.error, at: jobs.updatedAt }).from(jobs).where(failed).orderBy(desc(jobs.updatedAt)).limit(SHOWN),
  ]);
  return {
    kind: 'failedJobs',
    total: n,
    items: rows.map((x) => {
      const what = jobLabels[x.kind] ?? both(x.kind);
      // the error is the worker's own words (English); the Korean page names the job and keeps the detail short
      return {
        id: x.id,
        label: { ko: `${what.ko} 실패`, en: `${what.en} failed: ${(x.error ?? '').slice(0, 200)}` },
        since: x.at.toISOString(),
        link: '/audit',
      };
    }),
  };
}

/**
 * What waits for the program office, oldest first in each group: organisations to verify, appeals,
 * change requests and supplements, under-use flags, conflicts found after assignment, failed jobs.
 * Every group is one count and one bounded query, however much waits.
 */
export async function loadOfficeInbox(db: Db): Promise<WaitingGroup[]> {
  const now = await databaseNow(db);
  // one after another: an embedded database has a single connection
  return [
    await waitingOrganisations(db),
    await openAppeals(db),
    await pendingRequests(db, 'supplements'),
    await pendingRequests(db, 'changeRequests'),
    await underUse(db),
    await lateConflicts(db),
    await failedJobs(db, now),
  ];
}

/** Every program's phases, calls, evaluations and appeal windows against today in Seoul. */
export async function loadOfficeCalendar(db: Db): Promise<ProgramCalendar> {
  const now = await databaseNow(db);
  const programRows = await listPrograms(db);
  const calls = await listCalls(db);
  const evaluations = await db
    .select({
      program: stageEvaluations.programSlug,
      name: stageEvaluations.name,
      periodStart: stageEvaluations.periodStart,
      periodEnd: stageEvaluations.periodEnd,
      publishedAt: stageEvaluations.publishedAt,
      appealClosesAt: stageEvaluationDecisions.appealClosesAt,
    })
    .from(stageEvaluations)
    .leftJoin(stageEvaluationDecisions, eq(stageEvaluationDecisions.evaluationId, stageEvaluations.id));
  const finals = await db
    .select({
      program: finalEvaluations.programSlug,
      name: finalEvaluations.name,
      createdAt: finalEvaluations.createdAt,
      supportEarliestStart: finalEvaluations.supportEarliestStart,
    })
    .from(finalEvaluations);
  return buildProgramCalendar({
    today: seoulDay(Math.floor(now.getTime() / 1000)),
    programs: programRows.map((p) => ({
      slug: p.slug,
      name: p.definition.name,
      phases: p.definition.phases,
      calls: calls.filter((c) => c.program.slug === p.slug).map((c) => ({ key: c.call.key, name: c.call.name, opens: c.opens, closes: c.closes })),
    })),
    stageEvaluations: evaluations,
    finalEvaluations: finals,
  });
}
