import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/provenance/name-mapping.ts';
import { pairedByName, planTensorPairs, vocabRole, type TensorInfo } from '../../src/provenance/tensor-pairing.ts';

const t = (name: string, shape: number[], dtype = 'BF16'): TensorInfo => ({ name, shape, dtype });
const floats = (d: string) => ['F32', 'F16', 'BF16'].includes(d);
const llamaRules = compileRules([
  { from: 'model\\.layers\\.(\\d+)\\.self_attn\\.(q|k|v|o)_proj', to: 'transformer.h.$1.attn.$2' },
  { from: 'model\\.embed_tokens', to: 'transformer.wte' },
]);

describe('planTensorPairs', () => {
  it('pairs by name and shape, and skips integer buffers', () => {
    const plan = planTensorPairs(
      [t('a.weight', [4, 4]), t('b.weight', [4, 8]), t('position_ids', [1, 16], 'I64')],
      [t('a.weight', [4, 4]), t('b.weight', [8, 4])],
      { rules: [], autoMap: false, comparableDtype: floats },
    );
    expect(plan.pairs.map((p) => [p.candidate.name, p.match])).toEqual([['a.weight', 'name']]);
    expect(plan.unmatchedCandidate.map((x) => x.name)).toEqual(['b.weight']);
    expect(plan.unmatchedReference.map((x) => x.name)).toEqual(['b.weight']);
    expect(plan.skipped).toEqual([{ side: 'candidate', name: 'position_ids', dtype: 'I64' }]);
  });

  it('applies rename rules from the candidate side and from the reference side', () => {
    const llama = [t('model.layers.0.self_attn.q_proj.weight', [4, 4]), t('model.embed_tokens.weight', [10, 4])];
    const gpt = [t('transformer.h.0.attn.q.weight', [4, 4]), t('transformer.wte.weight', [10, 4])];
    const forward = planTensorPairs(llama, gpt, { rules: llamaRules, autoMap: false, comparableDtype: floats });
    const backward = planTensorPairs(gpt, llama, { rules: llamaRules, autoMap: false, comparableDtype: floats });
    for (const plan of [forward, backward]) {
      expect(plan.pairs).toHaveLength(2);
      expect(plan.pairs.every((p) => p.match === 'mapping')).toBe(true);
      expect(plan.unmatchedCandidate).toEqual([]);
    }
    expect(forward.pairs[0]!.reference.name).toBe('transformer.h.0.attn.q.weight');
  });

  it('compares the shared leading rows of an extended vocabulary', () => {
    const plan = planTensorPairs([t('embed.weight', [12, 4])], [t('embed.weight', [10, 4])], {
      rules: [],
      autoMap: false,
      comparableDtype: floats,
    });
    expect(plan.pairs[0]).toMatchObject({ match: 'row-prefix', comparedElements: 40 });
  });

  it('pairs leftovers by shape and position within the layer, never across shapes', () => {
    const cand = [
      t('blk.0.attn.q.weight', [4, 4]),
      t('blk.0.attn.k.weight', [4, 4]),
      t('blk.0.mlp.fc1.weight', [16, 4]),
      t('blk.0.mlp.fc2.weight', [4, 16]),
      t('blk.0.extra.weight', [4, 5]),
    ];
    const ref = [
      t('model.layers.0.self_attn.q_proj.weight', [4, 4]),
      t('model.layers.0.self_attn.k_proj.weight', [4, 4]),
      t('model.layers.0.mlp.up_proj.weight', [16, 4]),
      t('model.layers.0.mlp.down_proj.weight', [4, 16]),
    ];
    const plan = planTensorPairs(cand, ref, { rules: [], autoMap: true, comparableDtype: floats });
    expect(plan.pairs.map((p) => [p.candidate.name, p.reference.name, p.match])).toEqual([
      ['blk.0.attn.q.weight', 'model.layers.0.self_attn.q_proj.weight', 'order'],
      ['blk.0.attn.k.weight', 'model.layers.0.self_attn.k_proj.weight', 'order'],
      ['blk.0.mlp.fc1.weight', 'model.layers.0.mlp.up_proj.weight', 'order'],
      ['blk.0.mlp.fc2.weight', 'model.layers.0.mlp.down_proj.weight', 'order'],
    ]);
    expect(plan.unmatchedCandidate.map((x) => x.name)).toEqual(['blk.0.extra.weight']);
    const none = planTensorPairs(cand, ref, { rules: [], autoMap: false, comparableDtype: floats });
    expect(none.pairs).toEqual([]);
  });

  it('does not pair by position when a layer holds more tensors of a shape on one side', () => {
    const plan = planTensorPairs([t('a.0.x', [4, 4]), t('a.0.y', [4, 4]), t('a.0.z', [4, 4])], [t('b.0.p', [4, 4]), t('b.0.q', [4, 4])], {
      rules: [],
      autoMap: true,
      comparableDtype: floats,
    });
    expect(plan.pairs).toEqual([]);
  });

  it('strips a renamed common prefix (model. ↔ transformer.) and pairs by the rest of the name', () => {
    const names = ['embed_tokens.weight', 'layers.0.self_attn.q_proj.weight', 'layers.0.self_attn.k_proj.weight', 'norm.weight'];
    const shapes = [[10, 4], [4, 4], [4, 4], [4]];
    const cand = [...names.map((n, i) => t(`model.${n}`, shapes[i]!)), t('lm_head.weight', [10, 4])];
    // stored in another order: the pairs follow names, not positions
    const ref = [t('lm_head.weight', [10, 4]), ...names.map((n, i) => t(`transformer.${n}`, shapes[i]!)).reverse()];
    const plan = planTensorPairs(cand, ref, { rules: [], autoMap: true, comparableDtype: floats });
    expect(plan.pairs.map((p) => [p.candidate.name, p.reference.name, p.match])).toEqual([
      ['model.embed_tokens.weight', 'transformer.embed_tokens.weight', 'prefix'],
      ['model.layers.0.self_attn.q_proj.weight', 'transformer.layers.0.self_attn.q_proj.weight', 'prefix'],
      ['model.layers.0.self_attn.k_proj.weight', 'transformer.layers.0.self_attn.k_proj.weight', 'prefix'],
      ['model.norm.weight', 'transformer.norm.weight', 'prefix'],
      ['lm_head.weight', 'lm_head.weight', 'name'],
    ]);
    expect(pairedByName('prefix')).toBe(true);
    expect(pairedByName('order')).toBe(false);
  });

  it('compares a grown vocabulary on its shared rows, but lists a classifier head with other class counts', () => {
    const plan = planTensorPairs(
      [t('model.embed_tokens.weight', [12, 4]), t('lm_head.weight', [12, 4]), t('score.weight', [3, 4]), t('classifier.weight', [5, 4])],
      [t('model.embed_tokens.weight', [10, 4]), t('lm_head.weight', [10, 4]), t('score.weight', [2, 4]), t('classifier.weight', [7, 4])],
      { rules: [], autoMap: true, comparableDtype: floats },
    );
    expect(plan.pairs.map((p) => [p.candidate.name, p.match, p.comparedElements])).toEqual([
      ['model.embed_tokens.weight', 'row-prefix', 40],
      ['lm_head.weight', 'row-prefix', 40],
    ]);
    expect(plan.shapeMismatches.map((m) => [m.candidate.name, m.reference.shape, m.reason])).toEqual([
      ['score.weight', [2, 4], 'head'],
      ['classifier.weight', [7, 4], 'head'],
    ]);
    expect(plan.unmatchedCandidate.map((x) => x.name)).toEqual(['score.weight', 'classifier.weight']);
  });

  it('finds a grown vocabulary under another library name by its role (embed_tokens ↔ wte)', () => {
    const plan = planTensorPairs(
      [t('model.embed_tokens.weight', [12, 4]), t('model.layers.0.mlp.up_proj.weight', [8, 4])],
      [t('transformer.wte.weight', [10, 4]), t('transformer.h.0.mlp.c_fc.weight', [8, 4])],
      {
        rules: [],
        autoMap: true,
        comparableDtype: floats,
      },
    );
    expect(plan.pairs.map((p) => [p.candidate.name, p.reference.name, p.match])).toEqual([
      ['model.embed_tokens.weight', 'transformer.wte.weight', 'row-prefix'],
      ['model.layers.0.mlp.up_proj.weight', 'transformer.h.0.mlp.c_fc.weight', 'order'],
    ]);
    expect(vocabRole('transformer.wte.weight')).toBe('input-embedding');
    expect(vocabRole('model.score.weight')).toBeNull();
  });

  it('never pairs tensors of different shapes other than a grown vocabulary (property)', () => {
    const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 });
    const nameArb = fc.constantFrom(
      'model.embed_tokens.weight',
      'lm_head.weight',
      'score.weight',
      'model.layers.0.a',
      'model.layers.0.b',
      'h.0.a',
      'h.1.b',
      'x.wte.weight',
    );
    const side = fc.uniqueArray(fc.record({ name: nameArb, shape: shapeArb, dtype: fc.constant('F32') }), { selector: (x) => x.name, maxLength: 8 });
    fc.assert(
      fc.property(side, side, fc.boolean(), (c, r, autoMap) => {
        const plan = planTensorPairs(c, r, { rules: [], autoMap, comparableDtype: floats });
        for (const p of plan.pairs) {
          if (p.match === 'row-prefix') {
            expect(vocabRole(p.candidate.name)).not.toBeNull();
            expect(p.candidate.shape.slice(1)).toEqual(p.reference.shape.slice(1));
          } else expect(p.candidate.shape).toEqual(p.reference.shape);
        }
        // every tensor is accounted for exactly once
        expect(plan.pairs.length + plan.unmatchedCandidate.length).toBe(c.length);
        expect(plan.pairs.length + plan.unmatchedReference.length).toBe(r.length);
      }),
      { numRuns: 300 },
    );
  });
});
