import type { UsageJob } from '@stagegate/core/usage/usage-job';

/**
 * Decoding one element of `sacct --json`'s `jobs` array, for every shape Slurm has written from
 * 21.08 to 24.11 (the fixtures' README names a real dump or SchedMD schema for each):
 *
 * - 21.08 / 22.05 (openapi dbv0.0.37 / dbv0.0.38): `time.start|end|elapsed` integers, a never
 *   started job's start 0 or null; `state.current` a string; `tres.allocated[]` and
 *   `tres.requested[]` of `{ type, name, id, count }`, `name` null for cpu/mem.
 * - 23.02 (data_parser v0.0.39) and later: some integers become `{ set, infinite, number }`
 *   ("no value" structs); `state.current` becomes an array of strings (23.11+, v0.0.40/41),
 *   the base state first and flags after it.
 * Start 0/null means the job never started; end 0/null means it had not ended when sacct ran.
 * Steps (`steps[]`) are nested inside their job and never read: a job's GPUs are charged once.
 */
export class SacctFieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, field: string): Obj {
  if (!isObj(v)) throw new SacctFieldError(field, 'expected an object');
  return v;
}

/** A number, or Slurm's `{ set, infinite, number }`; null when unset, infinite or JSON null. */
export function slurmNumber(v: unknown, field: string): number | null {
  if (v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (isObj(v) && ('number' in v || 'set' in v)) {
    if (v.set === false || v.infinite === true) return null;
    if (typeof v.number === 'number' && Number.isFinite(v.number)) return v.number;
  }
  throw new SacctFieldError(field, 'expected a number');
}

function requiredCount(v: unknown, field: string): number {
  const n = slurmNumber(v, field);
  if (n === null || n < 0 || !Number.isInteger(n)) throw new SacctFieldError(field, 'expected a non-negative integer');
  return n;
}

/** A Unix timestamp where 0 (or unset) means "not yet". */
function instant(v: unknown, field: string): number | null {
  if (v === undefined) return null;
  const n = slurmNumber(v, field);
  if (n === null || n === 0) return null;
  if (n < 0 || !Number.isInteger(n)) throw new SacctFieldError(field, 'expected a Unix timestamp in seconds');
  return n;
}

/** The base state: `state.current` as a string, or the first entry of its array form. */
export function jobState(raw: unknown, field: string): string | null {
  if (raw === undefined || raw === null) return null;
  const state = object(raw, field);
  const current = state.current;
  if (current === undefined || current === null) return null;
  if (typeof current === 'string') return current.toUpperCase();
  if (Array.isArray(current)) {
    if (current.length === 0) return null;
    return text(current[0], `${field}.current[0]`).toUpperCase();
  }
  throw new SacctFieldError(`${field}.current`, 'expected a string or an array of strings');
}

function text(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new SacctFieldError(field, 'expected a string');
  return v;
}

/**
 * GPUs allocated to a job: the untyped `gres/gpu` entry. Slurm also records typed entries such as
 * `gres/gpu:b200` (when AccountingStorageTRES lists them) for the same devices, so they are only
 * summed when no untyped entry exists.
 */
export function allocatedGpus(allocated: unknown, field: string): number {
  if (allocated === undefined || allocated === null) return 0;
  if (!Array.isArray(allocated)) throw new SacctFieldError(field, 'expected an array');
  let untyped: number | null = null;
  let typed = 0;
  allocated.forEach((entry, k) => {
    const at = `${field}[${k}]`;
    const e = object(entry, at);
    if (text(e.type, `${at}.type`).toLowerCase() !== 'gres') return;
    const name = e.name === undefined || e.name === null ? '' : text(e.name, `${at}.name`);
    if (name === 'gpu') untyped = (untyped ?? 0) + requiredCount(e.count, `${at}.count`);
    else if (name.startsWith('gpu:')) typed += requiredCount(e.count, `${at}.count`);
  });
  return untyped ?? typed;
}

/** Decodes one job; throws SacctFieldError naming the field (prefixed with `path`). */
export function decodeSacctJob(raw: unknown, path: string): UsageJob {
  const job = object(raw, path);
  const jobIdValue = slurmNumber(job.job_id, `${path}.job_id`);
  if (jobIdValue === null || !Number.isInteger(jobIdValue)) throw new SacctFieldError(`${path}.job_id`, 'expected an integer');
  const time = object(job.time, `${path}.time`);
  const start = instant(time.start, `${path}.time.start`);
  const end = instant(time.end, `${path}.time.end`);
  const elapsed = time.elapsed === undefined || time.elapsed === null ? null : requiredCount(time.elapsed, `${path}.time.elapsed`);
  if (start !== null && end !== null && end < start) throw new SacctFieldError(`${path}.time.end`, 'ends before the job started');
  const tres = job.tres === undefined || job.tres === null ? {} : object(job.tres, `${path}.tres`);
  return {
    jobId: String(jobIdValue),
    account: text(job.account, `${path}.account`),
    user: text(job.user, `${path}.user`),
    gpus: allocatedGpus(tres.allocated, `${path}.tres.allocated`),
    requestedGpus: allocatedGpus(tres.requested, `${path}.tres.requested`),
    state: jobState(job.state, `${path}.state`),
    start,
    end: start === null ? null : end,
    elapsedSeconds: elapsed,
  };
}
