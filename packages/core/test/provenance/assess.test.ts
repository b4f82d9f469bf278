import { describe, expect, it } from 'vitest';
import { assessComparison, summarizeBaseline } from '../../src/provenance/assess.ts';
import { buildProvenanceReport } from '../../src/provenance/build-report.ts';
import type { TensorEvidence } from '../../src/provenance/report.ts';
import { classifyTensor } from '../../src/provenance/tensor-kind.ts';
import { defaultThresholds as t } from '../../src/provenance/thresholds.ts';

function ev(name: string, cosine: number, shape = [64, 64]): TensorEvidence {
  const { kind, layer } = classifyTensor(name);
  return {
    candidateName: name,
    referenceName: name,
    kind,
    layer,
    candidateShape: shape,
    referenceShape: shape,
    match: 'name',
    comparedElements: shape.reduce((a, b) => a * b, 1),
    cosine,
    pearson: cosine,
    relativeL2: Math.sqrt(2 - 2 * cosine),
  };
}
const layers = (n: number, f: (l: number) => TensorEvidence[]) => Array.from({ length: n }, (_, l) => f(l)).flat();
const model = (attn: (l: number) => number, mlp: (l: number) => number, norm = 0.9999) =>
  layers(4, (l) => [
    ev(`model.layers.${l}.self_attn.q_proj.weight`, attn(l)),
    ev(`model.layers.${l}.self_attn.o_proj.weight`, attn(l)),
    ev(`model.layers.${l}.mlp.up_proj.weight`, mlp(l)),
    ev(`model.layers.${l}.input_layernorm.weight`, norm, [64]),
  ]);
const verdictOf = (r: ReturnType<typeof assessComparison>, kind: string) => r.components.find((c) => c.kind === kind)?.verdict;

describe('assessComparison', () => {
  it('calls a near-copy likely shared and an unrelated model independent, norms never deciding', () => {
    const copy = assessComparison(
      model(
        () => 0.999,
        () => 0.998,
      ),
      [],
      null,
      t,
    );
    expect(copy.verdict).toBe('likely_shared');
    expect(verdictOf(copy, 'attention')).toBe('likely_shared');
    const unrelated = assessComparison(
      model(
        () => 0.01,
        () => -0.02,
      ),
      [],
      null,
      t,
    );
    expect(unrelated.verdict).toBe('independent');
    expect(verdictOf(unrelated, 'norm')).toBe('inconclusive');
    expect(unrelated.components.find((c) => c.kind === 'norm')!.reason.en).toContain('never decide');
  });

  it('does not call a component shared when unrelated models are just as similar', () => {
    const baseline = summarizeBaseline(
      [
        {
          a: 'X',
          b: 'Y',
          tensors: model(
            () => 0.8,
            () => 0.1,
          ),
        },
      ],
      'references',
    );
    const r = assessComparison(
      model(
        () => 0.96,
        () => 0.05,
      ),
      [],
      baseline,
      t,
    );
    expect(verdictOf(r, 'attention')).toBe('inconclusive');
    expect(verdictOf(r, 'mlp')).toBe('independent');
    expect(r.components.find((c) => c.kind === 'attention')!.baselineCosine).toBeCloseTo(0.8);
  });

  it('finds a partial copy when a quarter of the layers are shared', () => {
    const r = assessComparison(
      model(
        (l) => (l === 0 ? 0.999 : 0.02),
        () => 0.0,
      ),
      [],
      null,
      t,
    );
    const attn = r.components.find((c) => c.kind === 'attention')!;
    expect(attn.verdict).toBe('likely_shared');
    expect(attn.sharedLayers).toEqual([0]);
    expect(attn.reason.en).toContain('partial copy');
  });

  it('keeps cosines between the thresholds inconclusive and draws one point per layer', () => {
    const r = assessComparison(
      model(
        (l) => 0.5 + l * 0.1,
        () => 0.6,
      ),
      [],
      null,
      t,
    );
    expect(r.verdict).toBe('inconclusive');
    expect(r.layers.find((p) => p.kind === 'attention')!.points.map((p) => p.cosine)).toEqual([0.5, 0.6, 0.7, 0.8].map((x) => expect.closeTo(x, 9)));
  });

  it('builds a report whose overall verdict is the strongest finding, with thresholds in both languages', () => {
    const summary = { label: 'c', path: '/c', files: 1, tensors: 16, parameters: 1, bytes: 2 };
    const report = buildProvenanceReport({
      candidate: summary,
      comparisons: [
        {
          reference: { ...summary, label: 'r1' },
          tensors: model(
            () => 0.0,
            () => 0.0,
          ),
          fingerprints: [],
          unmatched: { candidate: [], reference: [] },
          shapeMismatches: [],
          skipped: [],
        },
        {
          reference: { ...summary, label: 'r2' },
          tensors: model(
            () => 0.99,
            () => 0.99,
          ),
          fingerprints: [],
          unmatched: { candidate: [], reference: [] },
          shapeMismatches: [],
          skipped: [],
        },
      ],
      baseline: null,
      thresholds: t,
      generatedAt: null,
    });
    expect(report.verdict).toBe('likely_shared');
    expect(report.comparisons.map((c) => c.verdict)).toEqual(['independent', 'likely_shared']);
    expect(report.thresholdText[0]!.en).toContain('0.95');
    expect(report.thresholdText[0]!.ko).toContain('0.95');
    expect(report.baselineNote.en).toContain('No baseline');
  });
});
