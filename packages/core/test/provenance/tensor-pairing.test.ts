import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/provenance/name-mapping.ts';
import { planTensorPairs, type TensorInfo } from '../../src/provenance/tensor-pairing.ts';

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

  it('auto-maps only tensors unique by kind, layer and shape', () => {
    const cand = [
      t('blk.0.attn.q.weight', [4, 4]),
      t('blk.0.attn.k.weight', [4, 4]),
      t('blk.0.mlp.fc1.weight', [16, 4]),
      t('blk.0.mlp.fc2.weight', [4, 16]),
    ];
    const ref = [
      t('model.layers.0.self_attn.q_proj.weight', [4, 4]),
      t('model.layers.0.self_attn.k_proj.weight', [4, 4]),
      t('model.layers.0.mlp.up_proj.weight', [16, 4]),
      t('model.layers.0.mlp.down_proj.weight', [4, 16]),
    ];
    const plan = planTensorPairs(cand, ref, { rules: [], autoMap: true, comparableDtype: floats });
    expect(plan.pairs.map((p) => [p.candidate.name, p.reference.name, p.match])).toEqual([
      ['blk.0.mlp.fc1.weight', 'model.layers.0.mlp.up_proj.weight', 'auto'],
      ['blk.0.mlp.fc2.weight', 'model.layers.0.mlp.down_proj.weight', 'auto'],
    ]);
    expect(plan.unmatchedCandidate.map((x) => x.name)).toEqual(['blk.0.attn.q.weight', 'blk.0.attn.k.weight']);
  });
});
