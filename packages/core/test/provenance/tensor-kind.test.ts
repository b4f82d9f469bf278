import { describe, expect, it } from 'vitest';
import { classifyTensor } from '../../src/provenance/tensor-kind.ts';

describe('classifyTensor', () => {
  it.each([
    ['model.embed_tokens.weight', 'embedding', null],
    ['lm_head.weight', 'embedding', null],
    ['model.layers.3.self_attn.q_proj.weight', 'attention', 3],
    ['model.layers.12.mlp.down_proj.weight', 'mlp', 12],
    ['model.layers.0.input_layernorm.weight', 'norm', 0],
    ['model.layers.0.post_attention_layernorm.weight', 'norm', 0],
    ['transformer.h.5.attn.q.weight', 'attention', 5],
    ['transformer.h.5.mlp.c_fc.weight', 'mlp', 5],
    ['transformer.h.5.ln_1.weight', 'norm', 5],
    ['transformer.wte.weight', 'embedding', null],
    ['vision_tower.blocks.2.attn.qkv.weight', 'vision_encoder', 2],
    ['vision_tower.blocks.2.norm1.weight', 'vision_encoder', 2],
    ['audio_tower.layers.1.fc1.weight', 'audio_encoder', 1],
    ['model.layers.4.block_sparse_moe.experts.7.w1.weight', 'mlp', 4],
    ['model.rotary_emb.inv_freq', 'other', null],
  ])('%s → %s (layer %s)', (name, kind, layer) => {
    expect(classifyTensor(name)).toEqual({ kind, layer });
  });
});
