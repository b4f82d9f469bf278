import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvenanceReport, ReferenceComparison } from '@stagegate/core/provenance/report';
import { compareCheckpoints, type CompareProgress } from '../../src/provenance/compare-checkpoints.ts';
import {
  derive,
  gptRules,
  growVocabulary,
  randomModel,
  renameToGpt,
  transplant,
  withHead,
  writeModel,
  writeShardedModel,
  type Weights,
} from './model-fixtures.ts';
import { renderReportText } from '../../src/provenance/render-text.ts';

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
  paths.P = await writeModel(dir, 'P', new Map([...R].map(([n, t]) => [n.replace(/^model\./, 'transformer.'), t])), 'BF16');
  // a classification fine-tune with 3 classes, and a copy of it with 8 added tokens and 5 classes
  const H = withHead(R, 3, 1);
  paths.H = await writeModel(dir, 'H', H, 'F32');
  paths.V = await writeModel(dir, 'V', withHead(growVocabulary(derive(H, 12), 8, 13), 5, 14), 'F32');
  weights.D = derive(R, 11);
  weights.I = I;
});
const weights: Record<string, Weights> = {};
let runs = 0;
const report0Tensors = (c: ReferenceComparison) => c.reference.tensors;
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

  it("without rules, pairs another library's names by shape and position in the layer order", async () => {
    const c = (await run(paths.G!, [paths.R!])).comparisons[0]!;
    const byOrder = c.tensors.filter((t) => t.match === 'order');
    // q, k, v and o share a shape in each layer: their order within the layer tells them apart
    const q = byOrder.find((t) => t.candidateName === 'transformer.h.1.attn.q.weight')!;
    expect(q.referenceName).toBe('model.layers.1.self_attn.q_proj.weight');
    expect(q.cosine!).toBeGreaterThan(0.99);
    expect(c.pairing).toEqual({ byName: 1, byShapeAndOrder: byOrder.length, rowPrefix: 0 });
    expect(c.tensors).toHaveLength(report0Tensors(c));
    expect(component(c, 'attention').verdict).toBe('likely_shared');
    expect(c.verdict).toBe('likely_shared');
    const text = renderReportText({ ...(await run(paths.G!, [paths.R!])) });
    expect(text).toContain(`(1 by name, ${byOrder.length} by shape and order)`);
  });

  it('pairs a checkpoint whose prefix was renamed (model. → transformer.) by name, and calls it shared', async () => {
    const c = (await run(paths.P!, [paths.R!], { autoMap: false })).comparisons[0]!;
    expect(c.unmatched).toEqual({ candidate: [], reference: [] });
    // every `model.` tensor through the stripped prefix; lm_head and the vision tower kept their names
    const prefixed = c.tensors.filter((t) => t.match === 'prefix');
    expect(prefixed.length).toBe(c.tensors.filter((t) => t.referenceName.startsWith('model.')).length);
    expect(prefixed.every((t) => t.candidateName === t.referenceName.replace(/^model\./, 'transformer.'))).toBe(true);
    expect(c.tensors.filter((t) => t.match === 'name').map((t) => t.candidateName)).toContain('lm_head.weight');
    expect(c.pairing.byName).toBe(c.tensors.length);
    expect(c.pairing.byShapeAndOrder).toBe(0);
    expect(c.verdict).toBe('likely_shared');
  });

  it('compares a vocabulary grown by added tokens on its shared rows and lists a classifier head with more classes', async () => {
    const report = await run(paths.V!, [paths.H!]);
    const c = report.comparisons[0]!;
    const embed = c.tensors.find((t) => t.candidateName === 'model.embed_tokens.weight')!;
    expect(embed).toMatchObject({ match: 'row-prefix', candidateShape: [264, 64], referenceShape: [256, 64], comparedElements: 256 * 64 });
    expect(embed.cosine!).toBeGreaterThan(0.99);
    expect(c.tensors.some((t) => t.candidateName === 'score.weight')).toBe(false);
    expect(c.shapeMismatches).toEqual([
      { candidateName: 'score.weight', candidateShape: [5, 64], referenceName: 'score.weight', referenceShape: [3, 64], reason: 'head' },
    ]);
    expect(c.pairing.rowPrefix).toBe(2);
    expect(c.verdict).toBe('likely_shared');
    expect(renderReportText(report)).toContain('not compared: score.weight 5×64 ↔ score.weight 3×64 (a task head with another number of outputs)');
  });

  it('gives the same verdict when every tensor of the candidate is renamed consistently (property)', async () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('D', 'I'), word, word, fc.boolean(), async (which, prefix, stack, renameLeaves) => {
        const original = (await run(paths[which]!, [paths.R!])).comparisons[0]!.verdict;
        const leaves = new Map<string, string>();
        const rename = (name: string) => {
          const m = /^(.*?)\.(\d+)\.(.*)$/.exec(name);
          const [head, layer, leaf] = m ? [m[1]!, m[2]!, m[3]!] : ['', null, name];
          const l = renameLeaves ? (leaves.get(`${head}|${leaf}`) ?? leaves.set(`${head}|${leaf}`, `t${leaves.size}`).get(`${head}|${leaf}`)!) : leaf;
          return renameLeaves ? `${prefix}.${stack}${layer === null ? '' : `.${layer}`}.${l}` : `${prefix}.${name}`;
        };
        const renamed = new Map([...weights[which]!].map(([n, t]) => [rename(n), t]));
        const path = await writeModel(dir, `renamed-${which}-${runs++}`, renamed, 'BF16');
        const c = (await run(path, [paths.R!])).comparisons[0]!;
        expect(c.verdict).toBe(original);
        expect(c.tensors).toHaveLength(renamed.size);
      }),
      { numRuns: 8 },
    );
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
