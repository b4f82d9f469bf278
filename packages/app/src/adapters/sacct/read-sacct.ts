import { createReadStream } from 'node:fs';
import { createUsageAccumulator, type UsageSummary } from '@stagegate/core/usage/aggregate';
import type { UsageJob, UsageWindow } from '@stagegate/core/usage/usage-job';
import { JsonArrayScanner, type ArrayElement } from './json-array-scanner.ts';
import { SacctFormatError } from './sacct-format-error.ts';
import { SacctFieldError, decodeSacctJob } from './sacct-job.ts';

/** A file path, or the bytes themselves (a Readable, or any async iterable of chunks). */
export type SacctSource = string | AsyncIterable<Uint8Array | string>;

function open(source: SacctSource): AsyncIterable<Uint8Array | string> {
  if (typeof source !== 'string') return source;
  const stream = createReadStream(source, { highWaterMark: 1 << 20 });
  return stream;
}

/** The jobs of a `sacct --json` output in chunks, one batch per chunk read (internal fast path). */
export async function* readSacctJobBatches(source: SacctSource): AsyncGenerator<UsageJob[]> {
  const sacctErrors: unknown[] = [];
  const scanner = new JsonArrayScanner('jobs', (key, value) => {
    if (key === 'errors' && Array.isArray(value)) sacctErrors.push(...value);
  });
  const decode = (elements: ArrayElement[]): UsageJob[] =>
    elements.map((el) => {
      try {
        return decodeSacctJob(el.value, `jobs[${el.index}]`);
      } catch (e) {
        if (e instanceof SacctFieldError) {
          // the element's own position: the decoder sees values, not bytes
          throw new SacctFormatError(`${e.reason} (in the job starting here)`, e.field, { offset: el.offset, line: el.line, column: el.column });
        }
        throw e;
      }
    });
  try {
    for await (const chunk of open(source)) {
      const batch = decode(scanner.push(chunk));
      if (batch.length) yield batch;
    }
    const last = decode(scanner.end());
    if (last.length) yield last;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof source === 'string' && typeof code === 'string' && !(e instanceof SacctFormatError)) {
      throw new SacctFormatError(`cannot read the file: ${code}`, undefined, undefined);
    }
    throw e;
  }
  if (sacctErrors.length) {
    // sacct says its answer is incomplete; usage computed from it would silently undercount
    throw new SacctFormatError(`sacct reported errors: ${JSON.stringify(sacctErrors).slice(0, 500)}`, 'errors', undefined);
  }
}

/**
 * The top-level jobs of a `sacct --json` output, one at a time, in bounded memory (one chunk and
 * one job). A malformed input throws SacctFormatError with position and field — possibly after
 * earlier jobs were yielded, so callers that store must collect first (see summarizeSacct).
 */
export async function* readSacctJobs(source: SacctSource): AsyncGenerator<UsageJob> {
  for await (const batch of readSacctJobBatches(source)) yield* batch;
}

/**
 * Reads the whole input and returns its usage summary (per account, user, and account × user ×
 * Seoul day) only if every job in it was valid: nothing is half-imported. `dumpEnd` is when the
 * dump was taken, given only by a caller that ran sacct itself; otherwise running jobs run to the
 * window end (or to what the file itself says). Never the reader's clock: the same file gives the
 * same totals on any day.
 */
export async function summarizeSacct(source: SacctSource, window: UsageWindow, dumpEnd?: number): Promise<UsageSummary> {
  const acc = createUsageAccumulator(window, dumpEnd);
  for await (const batch of readSacctJobBatches(source)) for (const job of batch) acc.add(job);
  return acc.summary();
}
