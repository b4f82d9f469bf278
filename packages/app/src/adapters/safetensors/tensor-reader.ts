import { dtypeSizes, decodeInto } from './dtype.ts';
import type { CheckpointTensor } from './checkpoint.ts';

/**
 * Elements per chunk: 4 Mi elements is 8 MB of BF16. Blocks start at each chunk's start, so the
 * chunk size is part of the sums' order; scan workers read a chunk in smaller pieces cut along
 * block borders and report progress once per chunk.
 */
export const defaultChunkElements = 4 * 1024 * 1024;
/** Elements decoded at a time, small enough to stay in the CPU cache between decode and sums. */
export const blockElements = 16 * 1024;

/**
 * Reads the first `elements` of a tensor chunk by chunk, keeping the next read in flight while the
 * caller works on the current one (the read runs in libuv's thread pool, the sums on the main
 * thread). Memory: two raw chunks, whatever the tensor's size.
 */
export class TensorCursor {
  private readonly size: number;
  private readonly buffers: [Uint8Array, Uint8Array];
  private pending: Promise<void> | null = null;
  private nextIndex = 0;
  private current = 0;

  constructor(
    readonly tensor: CheckpointTensor,
    readonly elements: number,
    readonly chunkElements = defaultChunkElements,
  ) {
    this.size = dtypeSizes[tensor.dtype]!;
    const bytes = Math.min(elements, chunkElements) * this.size;
    // own ArrayBuffers, so typed views over them are aligned
    this.buffers = [new Uint8Array(new ArrayBuffer(bytes)), new Uint8Array(new ArrayBuffer(bytes))];
    this.prefetch();
  }

  private prefetch(): void {
    const first = this.nextIndex * this.chunkElements;
    if (first >= this.elements) {
      this.pending = null;
      return;
    }
    const count = Math.min(this.chunkElements, this.elements - first);
    const buf = this.buffers[this.nextIndex % 2]!.subarray(0, count * this.size);
    this.pending = this.tensor.file.read(buf, this.tensor.start + first * this.size);
    // a failed read-ahead is reported by next(); until then it must not count as unhandled
    this.pending.catch(() => undefined);
    this.nextIndex++;
  }

  /** The next raw chunk and its element count, or null at the end. Valid until the call after next. */
  async next(): Promise<{ raw: Uint8Array; count: number } | null> {
    if (!this.pending) return null;
    await this.pending;
    const index = this.current++;
    const count = Math.min(this.chunkElements, this.elements - index * this.chunkElements);
    const raw = this.buffers[index % 2]!;
    this.prefetch();
    return { raw, count };
  }

  get bytesPerElement(): number {
    return this.size;
  }
}

/** Scratch space for decoding one block of each side. */
export function scratch(): [Float32Array, Float32Array] {
  return [new Float32Array(blockElements), new Float32Array(blockElements)];
}

/** Decodes a raw chunk block by block and hands each decoded block to `use`. */
export function forEachBlock(dtype: string, raw: Uint8Array, count: number, out: Float32Array, use: (block: Float32Array, n: number) => void): void {
  for (let s = 0; s < count; s += blockElements) {
    const n = Math.min(blockElements, count - s);
    decodeInto(dtype, raw, s, n, out);
    use(out, n);
  }
}
