import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng } from '@stagegate/core/shared/random';
import { writeSafetensors, writeShardedSafetensors, type TensorToWrite } from '../../src/adapters/safetensors/write-safetensors.ts';

/**
 * Small transformer checkpoints for the provenance tests: 4 layers of width 64, a 256-token
 * vocabulary and a 2-block vision encoder, in Llama-style names.
 */
export type Weights = Map<string, { shape: number[]; values: Float32Array }>;

const d = 64,
  ffn = 128,
  vocab = 256,
  layers = 4,
  dv = 32,
  visionBlocks = 2;

export function randomModel(seed: number): Weights {
  const r = createRng(seed);
  const w: Weights = new Map();
  const matrix = (name: string, shape: number[], std = 0.02) =>
    w.set(name, { shape, values: Float32Array.from({ length: shape[0]! * (shape[1] ?? 1) }, () => std * r.normal()) });
  const norm = (name: string, n: number) => w.set(name, { shape: [n], values: Float32Array.from({ length: n }, () => 1 + 0.02 * r.normal()) });
  matrix('model.embed_tokens.weight', [vocab, d]);
  for (let l = 0; l < layers; l++) {
    for (const p of ['q', 'k', 'v', 'o']) matrix(`model.layers.${l}.self_attn.${p}_proj.weight`, [d, d]);
    matrix(`model.layers.${l}.mlp.up_proj.weight`, [ffn, d]);
    matrix(`model.layers.${l}.mlp.down_proj.weight`, [d, ffn]);
    norm(`model.layers.${l}.input_layernorm.weight`, d);
    norm(`model.layers.${l}.post_attention_layernorm.weight`, d);
  }
  norm('model.norm.weight', d);
  matrix('lm_head.weight', [vocab, d]);
  matrix('vision_tower.patch_embed.weight', [dv, 48]);
  for (let b = 0; b < visionBlocks; b++) {
    matrix(`vision_tower.blocks.${b}.attn.qkv.weight`, [3 * dv, dv]);
    matrix(`vision_tower.blocks.${b}.mlp.fc1.weight`, [2 * dv, dv]);
    norm(`vision_tower.blocks.${b}.norm1.weight`, dv);
  }
  return w;
}

/** Fine-tuning stand-in: every weight moved by noise of `relative` times its own spread. */
export function derive(base: Weights, seed: number, relative = 0.1): Weights {
  const r = createRng(seed);
  const out: Weights = new Map();
  for (const [name, t] of base) {
    // every fixture tensor has a spread of 0.02 around its centre (0 for matrices, 1 for norms)
    out.set(name, { shape: t.shape, values: t.values.map((x) => x + relative * 0.02 * r.normal()) });
  }
  return out;
}

/** `into` with every tensor whose name starts with `prefix` taken from `from`. */
export function transplant(into: Weights, from: Weights, prefix: string): Weights {
  return new Map([...into].map(([n, t]) => [n, n.startsWith(prefix) ? from.get(n)! : t]));
}

/** The same weights under GPT-2-style names, and the rules that map Llama names onto them. */
export const gptRules = [
  { from: 'model\\.layers\\.(\\d+)\\.self_attn\\.(q|k|v|o)_proj', to: 'transformer.h.$1.attn.$2' },
  { from: 'model\\.layers\\.(\\d+)\\.mlp\\.up_proj', to: 'transformer.h.$1.mlp.c_fc' },
  { from: 'model\\.layers\\.(\\d+)\\.mlp\\.down_proj', to: 'transformer.h.$1.mlp.c_proj' },
  { from: 'model\\.layers\\.(\\d+)\\.input_layernorm', to: 'transformer.h.$1.ln_1' },
  { from: 'model\\.layers\\.(\\d+)\\.post_attention_layernorm', to: 'transformer.h.$1.ln_2' },
  { from: 'model\\.embed_tokens', to: 'transformer.wte' },
  { from: 'model\\.norm', to: 'transformer.ln_f' },
  { from: 'vision_tower\\.', to: 'visual.' },
];

export function renameToGpt(w: Weights): Weights {
  return new Map([...w].map(([n, t]) => [gptRules.reduce((name, r) => name.replace(new RegExp(r.from), r.to), n), t]));
}

export function toWrite(w: Weights, dtype = 'BF16'): TensorToWrite[] {
  return [...w].map(([name, t]) => ({ name, dtype, shape: t.shape, values: t.values }));
}

export async function writeModel(dir: string, name: string, w: Weights, dtype = 'BF16'): Promise<string> {
  const path = join(dir, `${name}.safetensors`);
  await writeSafetensors(path, toWrite(w, dtype), { format: 'pt' });
  return path;
}

/** The model split over two shards with an index, in a folder of its own. */
export async function writeShardedModel(dir: string, name: string, w: Weights, dtype = 'BF16'): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  const all = toWrite(w, dtype);
  const half = Math.ceil(all.length / 2);
  await writeShardedSafetensors(folder, [all.slice(0, half), all.slice(half)]);
  return folder;
}

/** Rows appended to the input embedding and LM head, as a tokenizer extension does. */
export function growVocabulary(w: Weights, added: number, seed: number): Weights {
  const r = createRng(seed);
  return new Map(
    [...w].map(([n, t]) => {
      if (n !== 'model.embed_tokens.weight' && n !== 'lm_head.weight') return [n, t];
      const cols = t.shape[1]!;
      const values = new Float32Array((t.shape[0]! + added) * cols);
      values.set(t.values);
      for (let i = t.values.length; i < values.length; i++) values[i] = 0.02 * r.normal();
      return [n, { shape: [t.shape[0]! + added, cols], values }];
    }),
  );
}

/** A sequence-classification head (`score.weight`, one row per class) on top of the model. */
export function withHead(w: Weights, classes: number, seed: number): Weights {
  const r = createRng(seed);
  const d = w.get('lm_head.weight')!.shape[1]!;
  return new Map([...w, ['score.weight', { shape: [classes, d], values: Float32Array.from({ length: classes * d }, () => 0.02 * r.normal()) }]]);
}
