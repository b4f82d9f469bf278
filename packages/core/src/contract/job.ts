import { z } from 'zod';

export const jobState = z.enum(['queued', 'running', 'done', 'failed']);

/** The kinds of durable job the worker runs (each has its handler in the app), as the office's list names them. */
export const jobKinds = ['slurm.apply', 'usage.import', 'evaluation.run-suite', 'provenance.compare'] as const;
export type JobKind = (typeof jobKinds)[number];

/** A durable job as the API shows it: suite runs, checkpoint comparisons, usage imports, the office's job list. */
export const jobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: jobState,
  progress: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
