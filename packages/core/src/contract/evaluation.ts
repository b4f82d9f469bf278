import { z } from 'zod';
import { route, text } from './route.ts';
import { jobView } from './job.ts';

const taskParam = z.object({ taskId: z.uuid() });
const verdict = z.enum(['pass', 'fail', 'inconclusive']);
const interval = z.tuple([z.number(), z.number()]);
const runSource = z.enum(['lm-eval-harness', 'csv', 'runner']);

/** A task as the results pages name it. */
const taskSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: text,
  programSlug: z.string(),
  status: z.string(),
  targetModel: z.string().nullable(),
  leadOrganisationName: text.nullable(),
});

/** A reference model counted on (or left out of) a suite's date. */
const countedReference = z.object({ name: z.string(), vendor: z.string(), releaseDate: z.string(), demo: z.boolean() });
const excludedReference = countedReference.extend({ why: z.enum(['too-old', 'after-date']) });

/** One benchmark of a suite comparison: the ratio to the reference with its interval. */
const benchmarkComparison = z.object({
  name: z.string(),
  metric: z.string(),
  candidate: z.number(),
  reference: z.number(),
  ratio: z.number(),
  ci: interval,
  pAtLeastTarget: z.number(),
  method: z.enum(['paired-bootstrap', 'unpaired-bootstrap', 'delta']),
  weight: z.number(),
});
const aggregate = z.object({ ratio: z.number(), ci: interval, pAtLeastTarget: z.number(), verdict, method: z.enum(['bootstrap', 'delta']) });

/** What a comparison against the frontier rests on, besides the suite comparison itself. */
const comparisonContext = {
  referenceOf: z.record(z.string(), z.object({ model: z.string(), source: z.string(), role: z.enum(['frontier', 'target']) })),
  targetScores: z.record(z.string(), z.number()),
  counted: z.array(countedReference),
  excluded: z.array(excludedReference),
  windowFrom: z.string(),
  missing: z.array(z.string()),
  notes: z.array(text),
};

/** A score of a results file for one benchmark (its primary metric). */
const storedScore = z.object({
  benchmark: z.string(),
  metric: z.string(),
  filter: z.string(),
  value: z.number(),
  stderr: z.number().nullable(),
  samples: z.object({ original: z.number(), effective: z.number() }).optional(),
  version: z.union([z.string(), z.number()]).optional(),
  hash: z.string().optional(),
});

/** A stored comparison of a run, as the results page shows it. */
const comparisonView = z.object({
  id: z.string(),
  verdict,
  verdictText: text,
  target: z.number(),
  seed: z.number().int(),
  resamples: z.number().int(),
  evaluationDate: z.string(),
  windowMonths: z.number().int(),
  aggregate,
  benchmarks: z.array(benchmarkComparison),
  ...comparisonContext,
});

const suiteResults = z.object({
  key: z.string(),
  name: text,
  evaluationDate: z.string(),
  categoryWeights: z.record(z.string(), z.number()),
  demo: z.boolean(),
  benchmarks: z.array(
    z.object({
      name: z.string(),
      label: text,
      category: z.string(),
      metric: z.string(),
      higherIsBetter: z.boolean(),
      chance: z.number(),
      itemCount: z.number().int().nullable(),
      demo: z.boolean(),
    }),
  ),
  window: z.object({ counted: z.array(countedReference), excluded: z.array(excludedReference), windowFrom: z.string() }).nullable(),
  runs: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      source: runSource,
      modelName: z.string().nullable(),
      createdAt: z.date(),
      verdict: verdict.nullable(),
      itemsStored: z.array(z.string()),
    }),
  ),
  latest: z
    .object({
      runId: z.string(),
      fileName: z.string(),
      modelName: z.string().nullable(),
      createdAt: z.date(),
      scores: z.array(storedScore),
      comparison: comparisonView.nullable(),
    })
    .nullable(),
});

/** The comparison a previewed import would get: with a verdict, or without one and why. */
const comparisonOutcome = z.union([
  z.object({
    ok: z.literal(true),
    detail: z.object({
      suite: z.object({ benchmarks: z.array(benchmarkComparison), aggregate, target: z.number(), resamples: z.number().int(), seed: z.number().int() }),
      ...comparisonContext,
    }),
    seed: z.number().int(),
    resamples: z.number().int(),
    windowMonths: z.number().int(),
  }),
  z.object({ ok: z.literal(false), notes: z.array(text), detail: z.object(comparisonContext) }),
]);

const importPreview = z.object({
  status: z.literal('preview'),
  run: z.object({
    suite: z.string(),
    fileName: z.string(),
    source: runSource,
    modelName: z.string().nullable(),
    scores: z.array(storedScore.extend({ items: z.number().int().nullable() })),
    ignoredTasks: z.array(z.string()),
    notes: z.array(text),
  }),
  comparison: comparisonOutcome,
});

/** Benchmark results of the teams: the catalog, the results pages, imports and suite runs. */
export const evaluationContract = {
  catalog: route('GET', '/api/v1/evaluation/catalog', {
    querystring: z.object({ program: z.string().min(1).max(80) }),
    response: {
      200: z.object({
        benchmarks: z.array(
          z.object({
            id: z.string(),
            programSlug: z.string(),
            name: z.string(),
            label: text,
            category: z.string(),
            metric: z.string(),
            metricFilter: z.string().nullable(),
            higherIsBetter: z.boolean(),
            chance: z.number(),
            itemCount: z.number().int().nullable(),
            demo: z.boolean(),
          }),
        ),
        suites: z.array(
          z.object({
            id: z.string(),
            programSlug: z.string(),
            key: z.string(),
            name: text,
            evaluationDate: z.string(),
            benchmarkNames: z.array(z.string()),
            categoryWeights: z.record(z.string(), z.number()),
            demo: z.boolean(),
          }),
        ),
        referenceModels: z.array(
          z.object({
            name: z.string(),
            vendor: z.string(),
            releaseDate: z.string(),
            demo: z.boolean(),
            scores: z.array(z.object({ benchmark: z.string(), score: z.number(), stderr: z.number().optional(), source: z.string() })),
          }),
        ),
      }),
    },
  }),
  tasks: route('GET', '/api/v1/evaluation/tasks', {
    response: {
      200: z.object({
        tasks: z.array(
          taskSummary.extend({
            latest: z
              .object({ runId: z.string(), createdAt: z.date(), verdict: verdict.nullable(), ratio: z.number().nullable(), ci: interval.nullable() })
              .nullable(),
          }),
        ),
      }),
    },
  }),
  task: route('GET', '/api/v1/evaluation/tasks/:taskId', {
    params: taskParam,
    response: {
      200: z.object({
        task: taskSummary,
        target: z.object({ ratio: z.number(), referenceWindowMonths: z.number().int() }).nullable(),
        suites: z.array(suiteResults),
        suiteRuns: z.array(jobView.extend({ suite: z.string().optional() })),
      }),
    },
  }),
  /** multipart (fields suite, mode; files results, samples): read by the route, not described here */
  import: route('POST', '/api/v1/evaluation/tasks/:taskId/imports', {
    params: taskParam,
    response: {
      200: z.discriminatedUnion('status', [importPreview, z.object({ status: z.literal('unchanged'), runId: z.string() })]),
      201: z.object({ status: z.literal('committed'), runId: z.string(), comparisonId: z.string().nullable(), verdict: verdict.nullable() }),
    },
  }),
  suiteRun: route('POST', '/api/v1/evaluation/tasks/:taskId/suite-runs', {
    params: taskParam,
    body: z.object({
      suite: z.string().min(1),
      endpoint: z.string().min(1).max(2000),
      model: z.string().max(200),
      suiteFile: z.string().min(1).max(1000),
      concurrency: z.number().int().min(1).max(64).optional(),
      mode: z.enum(['preview', 'commit']),
    }),
    response: {
      200: z.object({ status: z.literal('preview'), tasks: z.array(z.object({ name: z.string(), kind: z.string() })), suiteFile: z.string() }),
      202: z.object({ status: z.literal('committed'), jobId: z.string() }),
    },
  }),
  job: route('GET', '/api/v1/evaluation/jobs/:jobId', {
    params: z.object({ jobId: z.uuid() }),
    response: { 200: z.object({ job: jobView }) },
  }),
};
