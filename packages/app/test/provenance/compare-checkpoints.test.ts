import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvenanceReport, ReferenceComparison } from '@stagegate/core/provenance/report';
import { compareCheckpoints, type CompareProgress } from '../../src/provenance/compare-checkpoints.ts';
import { derive, gptRules, randomModel, renameToGpt, transplant, writeModel, writeShardedModel } from './model-fixtures.ts';

let dir: string;
const paths: Record<string, string> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenance-compare-'));
  const R = randomModel(1);
  const I = randomModel(2);
  paths.R = await writeModel(dir, 'R', R, 'BF16');
  paths.I = await writeModel(dir, 'I', I, 'BF16');
  paths.U = await writeModel(dir, 'U', randomModel(3), 'F32');
  paths.D = await writeShardedModel(dir, 'D', derive(R, 11), 'F32');
  paths.C = await writeModel(dir, 'C', transplant(I, R, 'vision_tower.'), 'BF16');
  paths.G = await writeModel(dir, 'G', renameToGpt(R), 'F16');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const component = (c: ReferenceComparison, kind: string) => c.components.find((x) => x.kind === kind)!;
const run = (candidate: string, references: string[], extra: Partial<Parameters<typeof compareCheckpoints>[0]> = {}) =>
  compareCheckpoints({ candidate, references, generatedAt: null, chunkElements: 1000, ...extra });

describe('compareCheckpoints', () => {
  it('calls a model trained from another seed independent, though its norms look alike', async () => {
    const report = await run(paths.I!, [paths.R!]);
    const c = report.comparisons[0]!;
    expect(c.verdict).toBe('independent');
    for (const kind of ['embedding', 'attention', 'mlp', 'vision_encoder']) expect(component(c, kind).verdict).toBe('independent');
    const norm = component(c, 'norm');
    expect(norm.medianCosine!).toBeGreaterThan(0.99);
    expect(norm.verdict).toBe('inconclusive');
    expect(Math.abs(norm.medianPearson!)).toBeLessThan(0.5);
  });

  it('calls a fine-tuned copy (sharded, F32) likely shared in every component', async () => {
    const report = await run(paths.D!, [paths.R!]);
    const c = report.comparisons[0]!;
    expect(c.verdict).toBe('likely_shared');
    for (const kind of ['embedding', 'attention', 'mlp', 'vision_encoder']) {
      expect(component(c, kind).verdict).toBe('likely_shared');
      expect(component(c, kind).medianCosine!).toBeGreaterThan(0.99);
    }
    expect(c.tensors.every((t) => t.match === 'name')).toBe(true);
    expect(c.tensors).toHaveLength(report.candidate.tensors);
    // relative L2 of R + 10 % noise is about 0.1
    const q = c.tensors.find((t) => t.candidateName === 'model.layers.0.self_attn.q_proj.weight')!;
    expect(q.relativeL2!).toBeGreaterThan(0.08);
    expect(q.relativeL2!).toBeLessThan(0.12);
  });

  it('finds a copied vision encoder in an otherwise independent model', async () => {
    const c = (await run(paths.C!, [paths.R!])).comparisons[0]!;
    expect(c.verdict).toBe('likely_shared');
    expect(component(c, 'vision_encoder').verdict).toBe('likely_shared');
    for (const kind of ['embedding', 'attention', 'mlp']) expect(component(c, kind).verdict).toBe('independent');
    expect(c.reason.en).toContain('Vision encoder');
    expect(c.reason.en).not.toContain('Attention');
  });

  it('matches a renamed architecture through mapping rules and calls it shared', async () => {
    const c = (await run(paths.G!, [paths.R!], { mappings: gptRules, autoMap: false })).comparisons[0]!;
    expect(c.unmatched).toEqual({ candidate: [], reference: [] });
    expect(c.tensors.filter((t) => t.match === 'mapping').length).toBeGreaterThan(30);
    expect(c.verdict).toBe('likely_shared');
    expect(component(c, 'attention').verdict).toBe('likely_shared');
  });

  it('without rules, pairs what is unique by layer and shape and fingerprints the rest', async () => {
    const c = (await run(paths.G!, [paths.R!])).comparisons[0]!;
    const auto = c.tensors.filter((t) => t.match === 'auto').map((t) => t.candidateName);
    expect(auto).toContain('transformer.h.2.mlp.c_fc.weight');
    expect(component(c, 'mlp').verdict).toBe('likely_shared');
    // q, k, v and o share a shape in each layer: fingerprinted, never called shared on that alone
    const q = c.fingerprints.find((f) => f.candidateName === 'transformer.h.1.attn.q.weight')!;
    expect(q.comparison?.sameDistribution).toBe(true);
    expect(component(c, 'attention').verdict).toBe('inconclusive');
  });

  it('measures a baseline between unrelated references and reports progress to the end', async () => {
    const events: CompareProgress[] = [];
    const report: ProvenanceReport = await run(paths.D!, [paths.R!, paths.U!], { onProgress: (p) => events.push(p) });
    expect(report.baseline?.pairs).toEqual([{ a: 'R.safetensors', b: 'U.safetensors' }]);
    const attnBase = report.baseline!.kinds.find((k) => k.kind === 'attention')!;
    expect(Math.abs(attnBase.medianCosine)).toBeLessThan(0.1);
    expect(report.baseline!.kinds.find((k) => k.kind === 'norm')!.medianCosine).toBeGreaterThan(0.99);
    expect(report.comparisons.map((c) => c.verdict)).toEqual(['likely_shared', 'independent']);
    expect(component(report.comparisons[0]!, 'attention').baselineCosine).toBeCloseTo(attnBase.medianCosine, 12);
    expect(report.verdict).toBe('likely_shared');
    const last = events.at(-1)!;
    expect(last.doneBytes).toBe(last.totalBytes);
    expect(events.some((e) => e.phase === 'baseline')).toBe(true);
  });

  it('plots one point per layer for each kind', async () => {
    const c = (await run(paths.C!, [paths.R!])).comparisons[0]!;
    expect(c.layers.find((l) => l.kind === 'attention')!.points.map((p) => p.layer)).toEqual([0, 1, 2, 3]);
    expect(c.layers.find((l) => l.kind === 'vision_encoder')!.points.every((p) => p.cosine > 0.99)).toBe(true);
  });

  it('rejects an invalid mapping rule before reading any file', async () => {
    await expect(run(paths.G!, [paths.R!], { mappings: [{ from: '(', to: 'x' }] })).rejects.toThrow(/mapping rule 1/);
  });
});
