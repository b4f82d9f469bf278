import { mkdir, stat } from 'node:fs/promises';
import { writeSafetensors, type TensorToWrite } from '../../packages/app/src/adapters/safetensors/write-safetensors.ts';

/**
 * A pair of synthetic checkpoints of about 1.07 GB each (2.15 GB together), BF16 except the F32
 * norm vectors: 4 layers of width 4096, q/k/v/o 4096², MLP up/down 4096×8192. B is A with the two
 * lowest mantissa bits of every BF16 value redrawn (a derived model, cosine ≈ 0.999).
 */
const width = 4096,
  ffn = 8192,
  layers = 4;

function layout(): Array<Pick<TensorToWrite, 'name' | 'dtype' | 'shape'>> {
  const ts: Array<Pick<TensorToWrite, 'name' | 'dtype' | 'shape'>> = [];
  for (let l = 0; l < layers; l++) {
    for (const p of ['q', 'k', 'v', 'o']) ts.push({ name: `model.layers.${l}.self_attn.${p}_proj.weight`, dtype: 'BF16', shape: [width, width] });
    ts.push({ name: `model.layers.${l}.mlp.up_proj.weight`, dtype: 'BF16', shape: [ffn, width] });
    ts.push({ name: `model.layers.${l}.mlp.down_proj.weight`, dtype: 'BF16', shape: [width, ffn] });
    ts.push({ name: `model.layers.${l}.input_layernorm.weight`, dtype: 'F32', shape: [width] });
  }
  return ts;
}

/** A value for element i of tensor t, computable for any chunk on its own (no stream state). */
function hash(t: number, i: number): number {
  let h = Math.imul(i ^ Math.imul(t, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function filler(t: number, dtype: string, derived: boolean) {
  return (chunk: Uint8Array, byteOffset: number) => {
    if (dtype === 'F32') {
      const f = new Float32Array(chunk.buffer, chunk.byteOffset, chunk.length / 4);
      for (let k = 0; k < f.length; k++) f[k] = 1 + ((hash(t, byteOffset / 4 + k) & 0xffff) / 65536 - 0.5) * 0.02;
      return;
    }
    const u = new Uint16Array(chunk.buffer, chunk.byteOffset, chunk.length / 2);
    const first = byteOffset / 2;
    for (let k = 0; k < u.length; k++) {
      const r = hash(t, first + k);
      // sign, an exponent for magnitudes 2^-8 … 2^-5, 7 mantissa bits
      let bits = (r & 0x8000) | ((0x77 + ((r >>> 16) & 3)) << 7) | ((r >>> 20) & 0x7f);
      if (derived) bits = (bits & ~3) | ((r >>> 27) & 3);
      u[k] = bits;
    }
  };
}

export async function ensurePair(dir: string): Promise<[string, string]> {
  await mkdir(dir, { recursive: true });
  const paths: [string, string] = [`${dir}/a.safetensors`, `${dir}/b.safetensors`];
  const specs = layout();
  const expected = specs.reduce((s, t) => s + t.shape[0]! * (t.shape[1] ?? 1) * (t.dtype === 'F32' ? 4 : 2), 0);
  for (const [i, p] of paths.entries()) {
    const existing = await stat(p).catch(() => null);
    if (existing && existing.size > expected) continue;
    const started = Date.now();
    await writeSafetensors(
      p,
      specs.map((s, t) => ({ ...s, fill: filler(t, s.dtype, i === 1) })),
    );
    console.log(`generated ${p} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return paths;
}
