import { z } from 'zod';
import { tensorKinds } from '../provenance/tensor-kind.ts';
import { jobView } from './job.ts';
import { file, route, text, uuidParam } from './route.ts';

const verdict = z.enum(['likely_shared', 'inconclusive', 'independent']);
const kind = z.enum(tensorKinds);
const shape = z.array(z.number().int());
const mode = z.enum(['preview', 'commit']);

const checkpointSummary = z.object({
  label: z.string(),
  path: z.string(),
  files: z.number().int(),
  tensors: z.number().int(),
  parameters: z.number(),
  bytes: z.number(),
});

const componentAssessment = z.object({
  kind,
  verdict,
  reason: text,
  tensorsCompared: z.number().int(),
  decisiveTensors: z.number().int(),
  medianCosine: z.number().nullable(),
  medianPearson: z.number().nullable(),
  sharedFraction: z.number(),
  sharedLayers: z.array(z.number().int()),
  baselineCosine: z.number().nullable(),
  fingerprints: z.number().int(),
  fingerprintsSameDistribution: z.number().int(),
});

const referenceComparison = z.object({
  reference: checkpointSummary,
  verdict,
  reason: text,
  components: z.array(componentAssessment),
  layers: z.array(
    z.object({
      kind,
      points: z.array(z.object({ layer: z.number().int(), cosine: z.number(), tensors: z.number().int() })),
      baselineCosine: z.number().nullable(),
    }),
  ),
  tensors: z.array(
    z.object({
      candidateName: z.string(),
      referenceName: z.string(),
      kind,
      layer: z.number().int().nullable(),
      candidateShape: shape,
      referenceShape: shape,
      match: z.enum(['name', 'prefix', 'mapping', 'row-prefix', 'order']),
      comparedElements: z.number().int(),
      cosine: z.number().nullable(),
      pearson: z.number().nullable(),
      relativeL2: z.number().nullable(),
    }),
  ),
  fingerprints: z.array(
    z.object({
      candidateName: z.string(),
      kind,
      layer: z.number().int().nullable(),
      candidateShape: shape,
      referenceName: z.string().nullable(),
      referenceShape: shape.nullable(),
      comparison: z
        .object({
          quantileCorrelation: z.number().nullable(),
          stdRatio: z.number().nullable(),
          meanShift: z.number().nullable(),
          sameDistribution: z.boolean(),
        })
        .nullable(),
    }),
  ),
  unmatched: z.object({ candidate: z.array(z.string()), reference: z.array(z.string()) }),
  shapeMismatches: z.array(
    z.object({ candidateName: z.string(), candidateShape: shape, referenceName: z.string(), referenceShape: shape, reason: z.enum(['head', 'shape']) }),
  ),
  pairing: z.object({ byName: z.number().int(), byShapeAndOrder: z.number().int(), rowPrefix: z.number().int() }),
  skipped: z.array(z.object({ side: z.enum(['candidate', 'reference']), name: z.string(), dtype: z.string() })),
});

/** The report of a finished comparison (`stagegate.provenance/1`). */
const provenanceReport = z.object({
  format: z.literal('stagegate.provenance/1'),
  generatedAt: z.string().nullable(),
  candidate: checkpointSummary,
  references: z.array(checkpointSummary),
  thresholds: z.object({
    sharedCosine: z.number(),
    independentCosine: z.number(),
    baselineMargin: z.number(),
    partialSharedFraction: z.number(),
    fingerprint: z.object({ minQuantileCorrelation: z.number(), stdRatioRange: z.tuple([z.number(), z.number()]), maxMeanShift: z.number() }),
  }),
  thresholdText: z.array(text),
  baseline: z
    .object({
      source: z.enum(['references', 'baseline']),
      pairs: z.array(z.object({ a: z.string(), b: z.string() })),
      kinds: z.array(z.object({ kind, medianCosine: z.number(), maxCosine: z.number(), tensors: z.number().int() })),
    })
    .nullable(),
  baselineNote: text,
  comparisons: z.array(referenceComparison),
  verdict,
  summary: text,
});

const comparisonSummary = z.object({
  id: z.string(),
  label: z.string().nullable(),
  candidatePath: z.string(),
  referencePaths: z.array(z.string()),
  verdict: verdict.nullable(),
  createdAt: z.date(),
  job: jobView,
});

/** A checkpoint as the server found it inside the checkpoints folder. */
const resolvedCheckpoint = z.object({ relative: z.string(), absolute: z.string(), kind: z.enum(['file', 'folder']), bytes: z.number() });

const evidenceChange = z.object({ status: z.enum(['unchanged', 'committed']), evidenceId: z.string() });

/** Checkpoint provenance: compare a candidate's weights with references, and attach the report to a gate. */
export const provenanceContract = {
  checkpoints: route('GET', '/api/v1/provenance/checkpoints', {
    response: {
      200: z.object({ root: z.string(), checkpoints: z.array(z.object({ path: z.string(), kind: z.enum(['file', 'folder']), bytes: z.number() })) }),
    },
  }),
  /** multipart (one file in the field "file"): read by the route, not described here */
  upload: route('POST', '/api/v1/provenance/uploads', {
    response: { 201: z.object({ status: z.literal('stored'), path: z.string(), bytes: z.number() }) },
  }),
  comparisons: route('GET', '/api/v1/provenance/comparisons', { response: { 200: z.object({ comparisons: z.array(comparisonSummary) }) } }),
  start: route('POST', '/api/v1/provenance/comparisons', {
    body: z.object({ candidate: z.string().max(2000), references: z.array(z.string().max(2000)).max(20), label: z.string().max(200).optional(), mode }),
    response: {
      200: z.object({ status: z.literal('preview'), candidate: resolvedCheckpoint, references: z.array(resolvedCheckpoint) }),
      202: z.object({ status: z.literal('committed'), comparisonId: z.string(), jobId: z.string() }),
    },
  }),
  comparison: route('GET', '/api/v1/provenance/comparisons/:id', {
    params: uuidParam,
    response: {
      200: comparisonSummary.extend({
        report: provenanceReport.nullable(),
        evidence: z.array(
          z.object({
            id: z.string(),
            taskId: z.string(),
            taskKey: z.string(),
            taskName: text,
            stageKey: z.string(),
            gateKey: z.string(),
            note: z.string().nullable(),
            attachedAt: z.date(),
          }),
        ),
      }),
    },
  }),
  reportHtml: route('GET', '/api/v1/provenance/comparisons/:id/report.html', {
    params: uuidParam,
    querystring: z.object({ lang: z.enum(['ko', 'en']).default('ko') }),
    response: { 200: file('the report as a self-contained HTML page', 'text/html') },
  }),
  attach: route('POST', '/api/v1/provenance/comparisons/:id/evidence', {
    params: uuidParam,
    body: z.object({ taskId: z.uuid(), stageKey: z.string().min(1).max(80), gateKey: z.string().min(1).max(80), note: z.string().max(2000).optional() }),
    response: { 200: evidenceChange, 201: evidenceChange },
  }),
  taskEvidence: route('GET', '/api/v1/provenance/tasks/:taskId/evidence', {
    params: z.object({ taskId: z.uuid() }),
    response: {
      200: z.object({
        evidence: z.array(
          z.object({
            id: z.string(),
            stageKey: z.string(),
            gateKey: z.string(),
            note: z.string().nullable(),
            attachedAt: z.date(),
            comparisonId: z.string(),
            label: z.string().nullable(),
            candidatePath: z.string(),
            verdict: verdict.nullable(),
          }),
        ),
      }),
    },
  }),
};
