import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@stagegate/core/shared/random';
import { compareCheckpoints, type CompareProgress } from '../../src/provenance/compare-checkpoints.ts';
import { writeSafetensors } from '../../src/adapters/safetensors/write-safetensors.ts';
import { legacyCompareCheckpoints } from './legacy-compare.ts';

/**
 * The fast scan (workers, candidate read once, reads cut smaller than chunks) must give the very
 * figures the single-threaded one gave: same bits in every cosine, Pearson r and relative L2.
 * Sizes sit just off the 16 Ki-element block, the 256 Ki-element read and the chunk sizes below.
 */
const shapes: Record<string, number[]> = {
  'model.embed_tokens.weight': [1031, 257],
  'model.layers.0.self_attn.q_proj.weight': [512, 513],
  'model.layers.0.self_attn.k_proj.weight': [128, 128],
  'model.layers.0.mlp.up_proj.weight': [16385],
  'model.layers.0.mlp.down_proj.weight': [3, 7],
  'model.layers.0.input_layernorm.weight': [1],
  'model.layers.1.self_attn.q_proj.weight': [262145],
  'model.layers.1.input_layernorm.weight': [333],
  'model.norm.weight': [16384],
};

type Model = Map<string, Float32Array>;

function model(seed: number, base?: Model, noise = 0.3): Model {
  const r = createRng(seed);
  const m: Model = new Map();
  for (const [name, shape] of Object.entries(shapes)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const from = base?.get(name);
    const norm = name.includes('norm');
    m.set(
      name,
      Float32Array.from({ length: n }, (_, i) => (from ? from[i]! + noise * 0.02 * r.normal() : (norm ? 1 : 0) + 0.02 * r.normal())),
    );
  }
  return m;
}

async function write(dir: string, name: string, m: Model, dtypeOf: (tensor: string, i: number) => string, rename: (n: string) => string = (n) => n) {
  const path = join(dir, `${name}.safetensors`);
  await writeSafetensors(
    path,
    [...m].map(([n, values], i) => ({ name: rename(n), dtype: dtypeOf(n, i), shape: shapes[n]!, values })),
  );
  return path;
}

let dir: string;
const p: Record<string, string> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenance-scan-'));
  const base = model(1);
  const cycle = ['BF16', 'F16', 'F32', 'F64'];
  p.candidate = await write(dir, 'candidate', model(2, base), (_, i) => cycle[i % 4]!);
  p.bf16 = await write(dir, 'ref-bf16', base, () => 'BF16');
  p.f16 = await write(dir, 'ref-f16', model(3, base, 2), (_, i) => cycle[(i + 1) % 4]!);
  p.f32 = await write(dir, 'ref-f32', model(4), () => 'F32');
  // a grown vocabulary (compared on its shared rows) and a tensor under another name
  const grown = model(5, base);
  const embed = grown.get('model.embed_tokens.weight')!;
  const bigger = new Float32Array(embed.length + 3 * 257).fill(0.01);
  bigger.set(embed);
  grown.set('model.embed_tokens.weight', bigger);
  shapes['grown.embed'] = [1034, 257];
  const renamed = new Map([...grown].map(([n, v]) => [n === 'model.embed_tokens.weight' ? 'grown.embed' : n, v]));
  p.grown = await write(
    dir,
    'ref-grown',
    renamed,
    (_, i) => cycle[(i + 2) % 4]!,
    (n) => (n === 'grown.embed' ? 'model.embed_tokens.weight' : n === 'model.norm.weight' ? 'model.final_norm.weight' : n),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = (chunkElements?: number) => ({
  candidate: p.candidate!,
  references: [p.bf16!, p.f16!, p.f32!, p.grown!],
  autoMap: false,
  generatedAt: null,
  ...(chunkElements === undefined ? {} : { chunkElements }),
});

describe('the provenance scan', () => {
  it.each([[1000], [16384], [40_000], [262_151], [undefined]])(
    'gives the single-threaded comparison’s report to the last bit (chunks of %s elements)',
    async (chunkElements) => {
      const before = await legacyCompareCheckpoints(options(chunkElements));
      const after = await compareCheckpoints({ ...options(chunkElements), threads: 3 });
      expect(after).toEqual(before);
      // the case really covers what it claims: several dtypes, a prefix pair, fingerprints, a baseline
      const grown = after.comparisons[3]!;
      expect(grown.reference.tensors).toBeGreaterThan(0);
      expect(after.baseline?.pairs).toHaveLength(6);
      const prefixPair = after.comparisons.flatMap((c) => c.tensors).find((t) => t.match === 'row-prefix');
      expect(prefixPair?.comparedElements).toBe(1031 * 257);
      expect(after.comparisons.some((c) => c.fingerprints.length > 0)).toBe(true);
      expect(after.comparisons[0]!.tensors.find((t) => t.candidateName === 'model.layers.1.self_attn.q_proj.weight')!.cosine).toBeGreaterThan(0.9);
    },
  );

  it('gives the same report on one worker thread, and its progress climbs to the total', async () => {
    const events: CompareProgress[] = [];
    const one = await compareCheckpoints({ ...options(40_000), threads: 1, onProgress: (e) => events.push(e) });
    expect(one).toEqual(await legacyCompareCheckpoints(options(40_000)));
    const done = events.map((e) => e.doneBytes);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.at(-1)!.doneBytes).toBe(events[0]!.totalBytes);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['compare', 'fingerprint', 'baseline']));
    // one step per chunk read, not one jump per tensor
    expect(events.filter((e) => e.detail === 'model.layers.1.self_attn.q_proj.weight' && e.phase === 'compare').length).toBe(Math.ceil(262145 / 40_000));
  });
});
