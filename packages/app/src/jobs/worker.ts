import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { claimNextJob, DEFAULT_LEASE_SECONDS, deferJob, failJob, finishJob, leaseOf, renewLease, reportProgress, type JobRow } from './job-queue.ts';
import type { JobHandler } from './job-handler.ts';
import { jobHandlers } from './handlers.ts';
import { InputNotVisibleHere } from './input-not-visible.ts';

export interface WorkerOptions {
  /** names this worker on the job rows it takes; default host:pid:random */
  id?: string;
  /** how long to wait when no job is waiting */
  pollMs?: number;
  handlers?: Record<string, JobHandler>;
  /** minimum time between two progress writes of one job */
  progressEveryMs?: number;
  /** how long stop() waits for a running job before returning */
  stopWaitMs?: number;
  /** how long a job may go without a heartbeat before another worker may take it */
  leaseSeconds?: number;
}

export interface WorkerHandle {
  id: string;
  stop(): Promise<void>;
}

export type RunResult = 'idle' | 'done' | 'failed' | 'lost' | 'deferred';

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

type RunOptions = Pick<WorkerOptions, 'handlers' | 'progressEveryMs' | 'leaseSeconds'> & {
  signal?: AbortSignal;
  /** the first wait of a job deferred because its input is not visible here (doubles per attempt) */
  deferSeconds?: number;
  /** how long this worker leaves a job it could not see to the others */
  avoidSeconds?: number;
};

class LeaseLostAtCommit extends Error {}

/**
 * Takes one waiting job and runs it to the end: done with its outcome stored in one transaction,
 * or failed with the error kept on the row. 'idle' when nothing was waiting; 'lost' when another
 * worker took the job over meanwhile (nothing of this run is committed); 'deferred' when its input
 * is not visible on this worker and it went back to the queue for another.
 */
export async function runNextJob(ctx: AppContext, id: string, opts: RunOptions = {}): Promise<RunResult> {
  const handlers = opts.handlers ?? jobHandlers;
  const leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const job = await claimNextJob(ctx.db, id, { kinds: Object.keys(handlers), leaseSeconds, avoidSeconds: opts.avoidSeconds });
  if (!job) return 'idle';
  return runClaimed(ctx, id, job, handlers[job.kind]!, { ...opts, leaseSeconds });
}

/**
 * Runs a claimed job under a heartbeat: the lease is renewed on its own timer (a quarter of the
 * lease), so a job that computes quietly for minutes is not taken to be lost and run twice. If a
 * renewal finds the lease gone (the database was unreachable for longer than the lease and another
 * worker took the job), the handler's signal is aborted and nothing it produces is committed.
 */
async function runClaimed(ctx: AppContext, id: string, job: JobRow, handler: JobHandler, opts: RunOptions & { leaseSeconds: number }): Promise<RunResult> {
  const lease = leaseOf(job, id);
  const progressEveryMs = opts.progressEveryMs ?? 500;
  const jobController = new AbortController();
  const onWorkerStop = () => jobController.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onWorkerStop, { once: true });
  let lost = false;
  const loseLease = () => {
    lost = true;
    jobController.abort(new Error('the lease on this job was lost to another worker'));
  };
  let lastWrite = 0;
  let pending: Record<string, unknown> | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    lastWrite = Date.now();
    writing = writing.then(async () => {
      if (!(await reportProgress(ctx.db, lease, p).catch(() => true))) loseLease();
    });
  };
  let beating = false;
  const heartbeat = setInterval(
    () => {
      if (beating || lost) return;
      beating = true;
      // a failed renewal (database briefly away) is not a lost lease: only a refused one is
      renewLease(ctx.db, lease)
        .then((held) => held || loseLease())
        .catch(() => undefined)
        .finally(() => (beating = false));
    },
    Math.max(50, (opts.leaseSeconds * 1000) / 4),
  );
  heartbeat.unref();
  const tools = {
    signal: jobController.signal,
    progress(p: Record<string, unknown>) {
      pending = p;
      if (Date.now() - lastWrite >= progressEveryMs) flush();
    },
  };
  try {
    const outcome = await handler(ctx, job, tools);
    flush();
    await writing;
    if (lost) return 'lost';
    const ok = await ctx.db
      .transaction(async (tx) => {
        // the job's own writes first, so what they report (an id, a count) is kept with the result;
        // a lease lost meanwhile rolls them back with the rest
        const more = await outcome.commit?.(tx);
        const result = more ? { ...outcome.result, ...more } : outcome.result;
        if (!(await finishJob(tx, lease, result))) throw new LeaseLostAtCommit();
        await appendAudit(tx, null, { action: 'job.done', objectType: 'job', objectId: job.id, after: { kind: job.kind, worker: id, result } });
        return true;
      })
      .catch((e: unknown) => {
        if (e instanceof LeaseLostAtCommit) return false;
        throw e;
      });
    return ok ? 'done' : 'lost';
  } catch (e) {
    await writing;
    if (lost) return 'lost';
    const message = (e as Error).message || String(e);
    if (e instanceof InputNotVisibleHere) {
      const outcome = await ctx.db.transaction(async (tx) => {
        const res = await deferJob(tx, lease, message, { deferSeconds: opts.deferSeconds });
        if (res)
          await appendAudit(tx, null, {
            action: res === 'deferred' ? 'job.deferred' : 'job.failed',
            objectType: 'job',
            objectId: job.id,
            after: { kind: job.kind, worker: id, error: message },
          });
        return res;
      });
      return outcome === false ? 'lost' : outcome;
    }
    const ok = await ctx.db.transaction(async (tx) => {
      if (!(await failJob(tx, lease, message))) return false;
      await appendAudit(tx, null, { action: 'job.failed', objectType: 'job', objectId: job.id, after: { kind: job.kind, worker: id, error: message } });
      return true;
    });
    return ok ? 'failed' : 'lost';
  } finally {
    clearInterval(heartbeat);
    opts.signal?.removeEventListener('abort', onWorkerStop);
  }
}

/**
 * The loop `stagegate serve` starts: takes jobs one at a time while there are any, sleeps `pollMs`
 * when there are none. Several processes may each run one; the database decides who takes what.
 */
export function startWorker(ctx: AppContext, opts: WorkerOptions = {}): WorkerHandle {
  const id = opts.id ?? workerId();
  const pollMs = opts.pollMs ?? 1000;
  const controller = new AbortController();
  let wake: (() => void) | null = null;
  const log = (msg: string, err?: unknown) => process.stderr.write(`[worker ${id}] ${msg}${err ? `: ${(err as Error).message}` : ''}\n`);
  const loop = (async () => {
    while (!controller.signal.aborted) {
      let result: RunResult = 'idle';
      try {
        result = await runNextJob(ctx, id, {
          handlers: opts.handlers,
          progressEveryMs: opts.progressEveryMs,
          leaseSeconds: opts.leaseSeconds,
          signal: controller.signal,
        });
      } catch (e) {
        // the database was unreachable for a moment: wait and try again rather than stop the loop
        log('could not take a job', e);
      }
      if (result === 'idle' && !controller.signal.aborted) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pollMs);
          wake = () => (clearTimeout(t), resolve());
        });
        wake = null;
      }
    }
  })();
  return {
    id,
    async stop() {
      controller.abort();
      (wake as (() => void) | null)?.();
      // a long job does not hold the shutdown: its lease runs out and another worker takes it again
      await Promise.race([loop, new Promise((r) => setTimeout(r, opts.stopWaitMs ?? 5000).unref())]);
    },
  };
}
