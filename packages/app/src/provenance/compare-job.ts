import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { provenanceComparisons } from '../db/schema/index.ts';
import { compareCheckpoints } from './index.ts';
import type { JobHandler } from '../jobs/job-handler.ts';
import { InputNotVisibleHere } from '../jobs/input-not-visible.ts';
import { checkpointsRoot, isIssue, resolveCheckpoint } from './checkpoints-root.ts';

export const PROVENANCE_COMPARE = 'provenance.compare';

export interface CompareJobPayload {
  candidate: string;
  references: string[];
}

/**
 * Runs a queued comparison. Paths are checked against the root again when the job runs (a worker
 * on another server may have another root, and files may have moved since the request).
 */
export const provenanceCompareJob: JobHandler = async (ctx, job, tools) => {
  const payload = job.payload as unknown as CompareJobPayload;
  const root = checkpointsRoot(ctx.config);
  const resolveOrThrow = async (p: string, field: string) => {
    // a file this worker cannot see (another server's disk, a mount not synced yet) is for another worker
    const seen = await stat(isAbsolute(p) ? p : resolve(root, p)).catch(() => null);
    if (!seen) throw new InputNotVisibleHere(`checkpoint "${p}"`);
    const r = await resolveCheckpoint(root, p, field);
    if (isIssue(r)) throw new Error(`${field}: ${r.message.en}`);
    return r.absolute;
  };
  const candidate = await resolveOrThrow(payload.candidate, 'candidate');
  const references: string[] = [];
  for (const [i, r] of payload.references.entries()) references.push(await resolveOrThrow(r, `references.${i}`));
  const report = await compareCheckpoints({
    candidate,
    references,
    generatedAt: new Date().toISOString(),
    // the scan takes every core; in a server process, requests must still get theirs first
    nice: 10,
    onProgress: (p) => tools.progress({ phase: p.phase, doneBytes: p.doneBytes, totalBytes: p.totalBytes, detail: p.detail }),
  });
  // the report names files by their place under the root, not by the server's absolute paths
  const rootReal = await realpath(root);
  const relabel = (s: { path: string }) => {
    for (const prefix of [rootReal, root]) if (s.path.startsWith(prefix)) s.path = s.path.slice(prefix.length).replace(/^[/\\]/, '');
  };
  relabel(report.candidate);
  report.references.forEach(relabel);
  report.comparisons.forEach((c) => relabel(c.reference));
  return {
    result: { verdict: report.verdict },
    commit: async (tx) => {
      await tx.update(provenanceComparisons).set({ report, verdict: report.verdict }).where(eq(provenanceComparisons.jobId, job.id));
    },
  };
};
