import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPairMoments, addPairBlock } from '@stagegate/core/provenance/pair-moments';
import { openCheckpoint } from '../../src/adapters/safetensors/checkpoint.ts';
import { SafetensorsError } from '../../src/adapters/safetensors/safetensors-error.ts';
import { ScanPool } from '../../src/provenance/scan-pool.ts';
import { headerFor, writeSafetensors } from '../../src/adapters/safetensors/write-safetensors.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenance-pool-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the scan pool', () => {
  it('sums a tensor against two partners, each over its own element count', async () => {
    const path = join(dir, 'three.safetensors');
    const a = Array.from({ length: 70_000 }, (_, i) => Math.sin(i));
    const b = a.map((x, i) => x + (i % 7) / 8);
    await writeSafetensors(path, [
      { name: 'a', dtype: 'F32', shape: [a.length], values: a },
      { name: 'b', dtype: 'BF16', shape: [b.length], values: b },
      { name: 'c', dtype: 'F16', shape: [b.length], values: b },
    ]);
    const c = await openCheckpoint(path);
    const pool = new ScanPool(50_000, { threads: 2 });
    const seen: number[] = [];
    try {
      const [ab, ac] = await pool.scan({
        primary: c.byName.get('a')!,
        partners: [
          { tensor: c.byName.get('b')!, count: 70_000 },
          { tensor: c.byName.get('c')!, count: 20_001 },
        ],
        onBytes: (n) => seen.push(n),
      });
      expect(ab!.n).toBe(70_000);
      expect(ac!.n).toBe(20_001);
      // a against itself as F32 gives the plain sums of its squares
      const self = emptyPairMoments();
      addPairBlock(self, Float32Array.from(a.slice(0, 16384)), Float32Array.from(a.slice(0, 16384)));
      const [aa] = await pool.scan({ primary: c.byName.get('a')!, partners: [{ tensor: c.byName.get('a')!, count: 16384 }], onBytes: () => undefined });
      expect(aa).toEqual(self);
      // one report per 50 000-element chunk: 2 chunks of a, b in both, c in the first
      expect(seen).toEqual([50_000 * 4 + 50_000 * 2 + 20_001 * 2, 20_000 * 4 + 20_000 * 2]);
    } finally {
      await pool.close();
      await c.close();
    }
  });

  it('scans a list of tasks on two workers that claim them in turn, each result in its task’s place', async () => {
    const path = join(dir, 'list.safetensors');
    const sizes = [40_000, 3, 20_000, 1, 33_000, 16_385];
    const values = sizes.map((n, t) => Array.from({ length: n }, (_, i) => Math.cos(i * (t + 1))));
    await writeSafetensors(
      path,
      values.map((v, t) => ({ name: `t${t}`, dtype: 'F32', shape: [v.length], values: v })),
    );
    const c = await openCheckpoint(path);
    const pool = new ScanPool(50_000, { threads: 2 });
    try {
      const tasks = sizes.map((n, t) => {
        const tensor = c.byName.get(`t${t}`)!;
        return { primary: tensor, partners: [{ tensor, count: n }], onBytes: () => undefined };
      });
      const all = await pool.scanAll(tasks);
      const alone = [];
      for (const task of tasks) alone.push(await pool.scan(task));
      expect(all).toEqual(alone);
      expect(all.map(([m]) => m!.n)).toEqual(sizes);
    } finally {
      await pool.close();
      await c.close();
    }
  });

  it('names the file and byte when a file shrinks after it was opened', async () => {
    const path = join(dir, 'shrinks.safetensors');
    await writeSafetensors(path, [{ name: 'w', dtype: 'F32', shape: [100], values: new Array(100).fill(1) }]);
    const c = await openCheckpoint(path);
    const headerLength = headerFor([{ name: 'w', dtype: 'F32', shape: [100] }]).length;
    await truncate(path, headerLength + 250);
    const pool = new ScanPool(1000);
    try {
      const w = c.byName.get('w')!;
      const e = await pool.scan({ primary: w, partners: [{ tensor: w, count: 100 }], onBytes: () => undefined }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SafetensorsError);
      expect((e as SafetensorsError).file).toBe(path);
      expect((e as SafetensorsError).offset).toBe(headerLength + 250);
      expect((e as Error).message).toContain('150 more bytes expected (truncated data)');
    } finally {
      await pool.close();
      await c.close();
    }
  });
});
