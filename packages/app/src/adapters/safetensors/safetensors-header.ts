import { dtypeSizes } from './dtype.ts';
import { SafetensorsError } from './safetensors-error.ts';

export interface TensorEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** absolute byte offsets in the file, [start, end) */
  start: number;
  end: number;
}

export interface SafetensorsHeader {
  headerLength: number;
  /** absolute offset where the byte buffer begins: 8 + headerLength */
  dataStart: number;
  metadata: Record<string, string>;
  tensors: TensorEntry[];
}

/** The reference implementation refuses headers above 100 MB; so do we, before allocating. */
export const maxHeaderLength = 100_000_000;

export function readHeaderLength(file: string, first8: Uint8Array, fileSize: number): number {
  if (fileSize < 8) throw new SafetensorsError(file, 0, `file is ${fileSize} bytes, shorter than the 8-byte header length`);
  const n = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(maxHeaderLength)) throw new SafetensorsError(file, 0, `header length ${n} is above the ${maxHeaderLength}-byte limit`);
  if (8n + n > BigInt(fileSize)) {
    throw new SafetensorsError(file, 0, `header length ${n} runs past the end of the file (${fileSize} bytes; header would end at byte ${8n + n})`);
  }
  return Number(n);
}

/** Validates the JSON header against the file size: every fault names the file and a byte offset. */
export function parseHeader(file: string, headerBytes: Uint8Array, fileSize: number): SafetensorsHeader {
  const headerLength = headerBytes.length;
  const dataStart = 8 + headerLength;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(headerBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(file, 8, `header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SafetensorsError(file, 8, 'header is not a JSON object');
  }
  // where a tensor's entry sits in the file, for messages about it
  const at = (name: string) => {
    const i = text.indexOf(JSON.stringify(name));
    return i < 0 ? 8 : 8 + Buffer.byteLength(text.slice(0, i));
  };
  const bufferLength = fileSize - dataStart;
  const metadata: Record<string, string> = {};
  const tensors: TensorEntry[] = [];
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null) throw new SafetensorsError(file, at(name), '__metadata__ is not an object');
      for (const [k, v] of Object.entries(value)) metadata[k] = String(v);
      continue;
    }
    const fail = (reason: string): never => {
      throw new SafetensorsError(file, at(name), `tensor '${name}': ${reason}`);
    };
    if (typeof value !== 'object' || value === null) fail('entry is not an object');
    const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
    if (typeof dtype !== 'string') fail('dtype is missing');
    const size = dtypeSizes[dtype as string];
    if (size === undefined) fail(`unknown dtype '${dtype}' (known: ${Object.keys(dtypeSizes).join(', ')})`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail('shape is not a list of non-negative integers');
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail('data_offsets is not a pair of non-negative integers');
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end) fail(`data_offsets [${begin}, ${end}] run backwards`);
    const expected = (shape as number[]).reduce((a, d) => a * d, 1) * size!;
    if (expected !== end - begin) {
      fail(
        `shape [${(shape as number[]).join(', ')}] × ${dtype} (${size} bytes) needs ${expected} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`,
      );
    }
    if (end > bufferLength) {
      throw new SafetensorsError(
        file,
        fileSize,
        `file ends here but tensor '${name}' needs data up to byte ${dataStart + end} (data_offsets [${begin}, ${end}] from byte ${dataStart}); the file is truncated or the offsets are out of range`,
      );
    }
    tensors.push({ name, dtype: dtype as string, shape: shape as number[], start: dataStart + begin, end: dataStart + end });
  }
  const byStart = [...tensors].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < byStart.length; i++) {
    const prev = byStart[i - 1]!,
      cur = byStart[i]!;
    if (cur.start < prev.end && cur.end > cur.start && prev.end > prev.start) {
      throw new SafetensorsError(file, cur.start, `tensor '${cur.name}' overlaps tensor '${prev.name}' (which ends at byte ${prev.end})`);
    }
  }
  return { headerLength, dataStart, metadata, tensors };
}
