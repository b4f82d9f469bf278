import { open, writeFile } from 'node:fs/promises';
import { dtypeSizes, toBf16Bits, toF16Bits } from './dtype.ts';

/** A tensor to write: numbers to encode, ready bytes, or a generator that fills chunks in order. */
export interface TensorToWrite {
  name: string;
  dtype: string;
  shape: number[];
  values?: ArrayLike<number>;
  bytes?: Uint8Array;
  /** fills `chunk` with the bytes that start at `byteOffset` within this tensor */
  fill?: (chunk: Uint8Array, byteOffset: number) => void;
}

/** Encodes numbers in F32, F16, BF16 or F64 (little-endian). */
export function encodeValues(dtype: string, values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  switch (dtype) {
    case 'F32':
      return new Uint8Array(Float32Array.from(values).buffer);
    case 'F64':
      return new Uint8Array(Float64Array.from(values).buffer);
    case 'BF16':
    case 'F16': {
      const bits = new Uint16Array(n);
      const enc = dtype === 'BF16' ? toBf16Bits : toF16Bits;
      for (let i = 0; i < n; i++) bits[i] = enc(values[i]!);
      return new Uint8Array(bits.buffer);
    }
    default:
      throw new Error(`cannot encode values as ${dtype}; pass bytes instead`);
  }
}

/** Builds the header bytes: JSON padded with spaces to a multiple of 8, as the reference writer does. */
export function headerFor(tensors: Array<Pick<TensorToWrite, 'name' | 'dtype' | 'shape'>>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const size = t.shape.reduce((a, d) => a * d, 1) * (dtypeSizes[t.dtype] ?? 1);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = Buffer.from(JSON.stringify(header));
  const padded = Buffer.alloc(Math.ceil(json.length / 8) * 8, 0x20);
  json.copy(padded);
  const out = new Uint8Array(8 + padded.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded.length), true);
  out.set(padded, 8);
  return out;
}

/** Writes a .safetensors file, tensor by tensor, so generated multi-GB files never sit in memory. */
export async function writeSafetensors(path: string, tensors: TensorToWrite[], metadata?: Record<string, string>): Promise<void> {
  const fh = await open(path, 'w');
  try {
    const head = headerFor(tensors, metadata);
    await fh.write(head, 0, head.length, 0);
    let position = head.length;
    const chunkBytes = 16 * 1024 * 1024;
    for (const t of tensors) {
      const size = t.shape.reduce((a, d) => a * d, 1) * dtypeSizes[t.dtype]!;
      if (t.fill) {
        const chunk = new Uint8Array(Math.min(chunkBytes, size));
        for (let done = 0; done < size; done += chunk.length) {
          const part = chunk.subarray(0, Math.min(chunk.length, size - done));
          t.fill(part, done);
          await fh.write(part, 0, part.length, position + done);
        }
      } else {
        const bytes = t.bytes ?? encodeValues(t.dtype, t.values ?? []);
        if (bytes.length !== size) throw new Error(`tensor ${t.name}: ${bytes.length} bytes given, shape and dtype need ${size}`);
        await fh.write(bytes, 0, bytes.length, position);
      }
      position += size;
    }
  } finally {
    await fh.close();
  }
}

/** Writes shards and their model.safetensors.index.json into `folder`. */
export async function writeShardedSafetensors(folder: string, shards: TensorToWrite[][]): Promise<string[]> {
  const names = shards.map((_, i) => `model-${String(i + 1).padStart(5, '0')}-of-${String(shards.length).padStart(5, '0')}.safetensors`);
  const weightMap: Record<string, string> = {};
  let total = 0;
  for (let i = 0; i < shards.length; i++) {
    await writeSafetensors(`${folder}/${names[i]}`, shards[i]!);
    for (const t of shards[i]!) {
      weightMap[t.name] = names[i]!;
      total += t.shape.reduce((a, d) => a * d, 1) * dtypeSizes[t.dtype]!;
    }
  }
  await writeFile(`${folder}/model.safetensors.index.json`, JSON.stringify({ metadata: { total_size: total }, weight_map: weightMap }, null, 2));
  return names;
}
