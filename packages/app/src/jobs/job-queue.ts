import { and, asc, eq, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { jobs } from '../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;

/** A job whose worker has not reported for this long is taken to be lost and may be claimed again. */
export const DEFAULT_LEASE_SECONDS = 120;

/** How long a worker that could not see a job's input leaves it to the others before trying again itself. */
export const AVOID_SECONDS = 120;
/** The first wait of a deferred job; it doubles with each attempt, up to 10 minutes. */
export const DEFAULT_DEFER_SECONDS = 5;

/** Queues work in the caller's transaction, so the job exists exactly when the change that asked for it does. */
export async function enqueueJob(
  tx: Tx | Db,
  job: { kind: string; payload: Record<string, unknown>; createdBy?: string | null; maxAttempts?: number },
): Promise<JobRow> {
  const [row] = await tx
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload, createdBy: job.createdBy ?? null, maxAttempts: job.maxAttempts ?? 3 })
    .returning();
  return row!;
}

export async function getJob(db: Db | Tx, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/**
 * Takes the oldest waiting job of the given kinds for this worker. The row is locked with
 * `FOR UPDATE SKIP LOCKED`, so two workers (in one process or on several servers) never take the
 * same job: the second one skips the locked row and takes the next. A running job whose lease ran
 * out (its worker died) is waiting again; one that already used all its attempts is failed instead.
 */
export async function claimNextJob(
  db: Db,
  workerId: string,
  opts: { kinds: readonly string[]; leaseSeconds?: number; avoidSeconds?: number },
): Promise<JobRow | undefined> {
  if (opts.kinds.length === 0) return undefined;
  const lease = sql`now() - make_interval(secs => ${opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS})`;
  return db.transaction(async (tx) => {
    await tx
      .update(jobs)
      .set({
        status: 'failed',
        error: 'the worker running it stopped reporting and no attempts are left',
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
        lockedBy: null,
      })
      .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, lease), sql`${jobs.attempts} >= ${jobs.maxAttempts}`));
    const [next] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.kind, [...opts.kinds]),
          or(
            and(
              eq(jobs.status, 'queued'),
              or(isNull(jobs.notBefore), lte(jobs.notBefore, sql`now()`)),
              // the worker that could not see the input waits its turn: others first, itself after AVOID_SECONDS
              or(
                isNull(jobs.avoidWorker),
                ne(jobs.avoidWorker, workerId),
                lte(jobs.notBefore, sql`now() - make_interval(secs => ${opts.avoidSeconds ?? AVOID_SECONDS})`),
              ),
            ),
            and(eq(jobs.status, 'running'), lt(jobs.lockedAt, lease), sql`${jobs.attempts} < ${jobs.maxAttempts}`),
          ),
        ),
      )
      .orderBy(asc(jobs.createdAt), asc(jobs.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return undefined;
    const [row] = await tx
      .update(jobs)
      .set({
        status: 'running',
        lockedBy: workerId,
        lockedAt: sql`now()`,
        attempts: sql`${jobs.attempts} + 1`,
        startedAt: sql`coalesce(${jobs.startedAt}, now())`,
        updatedAt: sql`now()`,
      })
      .where(eq(jobs.id, next.id))
      .returning();
    return row;
  });
}

/**
 * Who holds a running job: the worker and the attempt it claimed. The attempt number is the fencing
 * token: a worker whose lease ran out and was claimed again (attempts + 1) can neither renew, report
 * nor finish, even if its own id were reused.
 */
export interface JobLease {
  jobId: string;
  workerId: string;
  attempt: number;
}

export function leaseOf(job: JobRow, workerId: string): JobLease {
  return { jobId: job.id, workerId, attempt: job.attempts };
}

function heldBy(lease: JobLease) {
  return and(eq(jobs.id, lease.jobId), eq(jobs.lockedBy, lease.workerId), eq(jobs.attempts, lease.attempt), eq(jobs.status, 'running'));
}

/** Renews the lease without touching progress (the worker's heartbeat); false when it was lost. */
export async function renewLease(db: Db, lease: JobLease): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedAt: sql`now()` })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Records progress and renews the lease; false when another worker has taken the job meanwhile. */
export async function reportProgress(db: Db, lease: JobLease, progress: Record<string, unknown>): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ progress, lockedAt: sql`now()`, updatedAt: sql`now()` })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Marks the job done inside the transaction that stores its outcome; false when the lease was lost. */
export async function finishJob(tx: Tx, lease: JobLease, result: Record<string, unknown>): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'done', result, error: null, lockedBy: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

export async function failJob(tx: Tx, lease: JobLease, error: string): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'failed', error, lockedBy: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** What the API shows of a job: never its payload (it may hold paths or endpoints). */
export function jobView(job: JobRow) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress ?? null,
    error: job.error,
    attempts: job.attempts,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/**
 * Puts a job whose input this worker cannot see back in the queue for another worker, after a wait
 * that doubles with each attempt; fails it (with the reason) once its attempts are used up. False
 * when the lease was lost meanwhile.
 */
export async function deferJob(tx: Tx, lease: JobLease, reason: string, opts: { deferSeconds?: number } = {}): Promise<'deferred' | 'failed' | false> {
  const [job] = await tx.select({ maxAttempts: jobs.maxAttempts }).from(jobs).where(heldBy(lease));
  if (!job) return false;
  if (lease.attempt >= job.maxAttempts) return (await failJob(tx, lease, `${reason}; no worker could see it in ${lease.attempt} attempts`)) ? 'failed' : false;
  const wait = Math.min(600, (opts.deferSeconds ?? DEFAULT_DEFER_SECONDS) * 2 ** (lease.attempt - 1));
  const rows = await tx
    .update(jobs)
    .set({
      status: 'queued',
      error: reason,
      lockedBy: null,
      avoidWorker: lease.workerId,
      notBefore: sql`now() + make_interval(secs => ${wait})`,
      updatedAt: sql`now()`,
    })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1 ? 'deferred' : false;
}
