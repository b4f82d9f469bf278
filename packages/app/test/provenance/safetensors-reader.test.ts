import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../src/adapters/safetensors/checkpoint.ts';
import { decodeInto } from '../../src/adapters/safetensors/dtype.ts';
import { SafetensorsError } from '../../src/adapters/safetensors/safetensors-error.ts';
import { TensorCursor } from '../../src/adapters/safetensors/tensor-reader.ts';
import { headerFor, writeSafetensors, writeShardedSafetensors } from '../../src/adapters/safetensors/write-safetensors.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenance-reader-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Reads a whole tensor through the streaming cursor with a deliberately small chunk. */
async function readAll(path: string, name: string): Promise<number[]> {
  const c = await openCheckpoint(path);
  try {
    const t = c.byName.get(name)!;
    const n = t.shape.reduce((a, b) => a * b, 1);
    const cursor = new TensorCursor(t, n, 7);
    const out: number[] = [];
    const block = new Float32Array(7);
    for (let x = await cursor.next(); x; x = await cursor.next()) {
      decodeInto(t.dtype, x.raw, 0, x.count, block);
      out.push(...block.subarray(0, x.count));
    }
    return out;
  } finally {
    await c.close();
  }
}

function rawFile(header: unknown, dataBytes: number, declaredLength?: number): Uint8Array {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(declaredLength ?? json.length), true);
  out.set(json, 8);
  return out;
}

async function openError(bytes: Uint8Array, name: string): Promise<SafetensorsError> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const e = await openCheckpoint(path).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SafetensorsError);
  expect((e as Error).message).toContain(path);
  return e as SafetensorsError;
}

describe('safetensors reader', () => {
  it('reads back what was written, in F32, F16, BF16 and F64, chunk by chunk', async () => {
    const values = Array.from({ length: 30 }, (_, i) => (i - 15) / 8);
    const path = join(dir, 'roundtrip.safetensors');
    await writeSafetensors(
      path,
      ['F32', 'F16', 'BF16', 'F64'].map((dtype) => ({ name: `w.${dtype}`, dtype, shape: [5, 6], values })),
      { format: 'pt' },
    );
    for (const dtype of ['F32', 'F16', 'BF16', 'F64']) expect(await readAll(path, `w.${dtype}`)).toEqual(values);
    const c = await openCheckpoint(path);
    expect(c.files[0]!.header.metadata).toEqual({ format: 'pt' });
    expect(c.parameters).toBe(120);
    await c.close();
  });

  it('reads a sharded checkpoint through model.safetensors.index.json', async () => {
    const folder = join(dir, 'sharded');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    await writeShardedSafetensors(folder, [
      [{ name: 'a', dtype: 'F32', shape: [3], values: [1, 2, 3] }],
      [{ name: 'b', dtype: 'BF16', shape: [2], values: [4, 5] }],
    ]);
    const c = await openCheckpoint(folder);
    expect(c.files).toHaveLength(2);
    expect(c.tensors.map((t) => t.name)).toEqual(['a', 'b']);
    await c.close();
    expect(await readAll(folder, 'b')).toEqual([4, 5]);
  });

  it('refuses a header length that runs past the end of the file, at byte 0', async () => {
    const e = await openError(rawFile({}, 0, 5000), 'long-header.safetensors');
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/header length 5000 runs past the end of the file/);
    const short = await openError(new Uint8Array(5), 'short.safetensors');
    expect(short.message).toContain('shorter than the 8-byte header length');
  });

  it('refuses a header that is not JSON, at byte 8', async () => {
    const e = await openError(rawFile('{"a": {"dtype": "F32",', 0), 'bad-json.safetensors');
    expect(e.offset).toBe(8);
    expect(e.message).toContain('not valid JSON');
  });

  it('names an unknown dtype and where its entry sits', async () => {
    const header = { __metadata__: { x: 'y' }, w: { dtype: 'F17', shape: [2], data_offsets: [0, 4] } };
    const e = await openError(rawFile(header, 4), 'dtype.safetensors');
    expect(e.message).toContain("unknown dtype 'F17'");
    expect(e.message).toContain("tensor 'w'");
    const text = JSON.stringify(header);
    expect(e.offset).toBe(8 + text.indexOf('"w"'));
  });

  it('refuses a shape that disagrees with the byte range, and overlapping tensors', async () => {
    const mismatch = await openError(rawFile({ w: { dtype: 'BF16', shape: [3, 2], data_offsets: [0, 8] } }, 8), 'size.safetensors');
    expect(mismatch.message).toContain('needs 12 bytes but data_offsets [0, 8] hold 8');
    const header = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } };
    const overlap = await openError(rawFile(header, 12), 'overlap.safetensors');
    expect(overlap.message).toContain("tensor 'b' overlaps tensor 'a'");
    const headerLength = Buffer.byteLength(JSON.stringify(header));
    expect(overlap.offset).toBe(8 + headerLength + 4);
  });

  it('reports truncated data with the byte where the file ends and the byte it needed', async () => {
    const path = join(dir, 'truncated.safetensors');
    await writeSafetensors(path, [{ name: 'w', dtype: 'F32', shape: [100], values: new Array(100).fill(1) }]);
    const headerLength = headerFor([{ name: 'w', dtype: 'F32', shape: [100] }]).length;
    await truncate(path, headerLength + 250);
    const e = await openCheckpoint(path).catch((x: SafetensorsError) => x);
    expect(e).toBeInstanceOf(SafetensorsError);
    expect((e as SafetensorsError).offset).toBe(headerLength + 250);
    expect((e as Error).message).toContain(`needs data up to byte ${headerLength + 400}`);
    expect((e as Error).message).toContain('truncated');
  });

  it('says which index entry points at a shard that lacks the tensor', async () => {
    const folder = join(dir, 'bad-index');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    await writeSafetensors(join(folder, 's1.safetensors'), [{ name: 'a', dtype: 'F32', shape: [1], values: [1] }]);
    await writeFile(join(folder, 'model.safetensors.index.json'), JSON.stringify({ weight_map: { a: 's1.safetensors', b: 's1.safetensors' } }));
    await expect(openCheckpoint(folder)).rejects.toThrow(/weight_map lists tensor 'b' in s1.safetensors/);
  });
});
