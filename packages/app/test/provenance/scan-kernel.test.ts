import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPairBlock, emptyPairMoments, type PairMoments } from '@stagegate/core/provenance/pair-moments';
import { createRng } from '@stagegate/core/shared/random';
import { decodeInto, dtypeSizes, f16Table, toBf16Bits, toF16Bits } from '../../src/adapters/safetensors/dtype.ts';
import { f16TableBytes, kernelDtypes, scanKernelModule } from '../../src/provenance/scan-kernel-wasm.ts';
import { blockElements } from '../../src/adapters/safetensors/tensor-reader.ts';

/**
 * The WebAssembly kernels the scan workers run must give the sums of the plain loop (decodeInto,
 * then addPairBlock block by block) to the last bit, for every dtype pair, any length (blocks of
 * 16 Ki elements summed two at a time in the two lanes, a last block alone or short, BF16 pairs
 * two at a time and the rest one by one), data at any byte address, and values with zeros, signed
 * zeros, subnormals, large and infinite ones.
 */
const kernels = (() => {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(scanKernelModule(blockElements)), {}).exports;
  const memory = exports.memory as WebAssembly.Memory;
  new Float32Array(memory.buffer, 0, 65536).set(f16Table);
  return { memory, run: (a: string, b: string) => exports[`k_${a}_${b}`] as (m: number, a: number, b: number, count: number) => void };
})();

type Dtype = (typeof kernelDtypes)[number];

function encode(dtype: Dtype, values: number[]): Uint8Array {
  switch (dtype) {
    case 'BF16':
      return new Uint8Array(Uint16Array.from(values, toBf16Bits).buffer);
    case 'F16':
      return new Uint8Array(Uint16Array.from(values, toF16Bits).buffer);
    case 'F32':
      return new Uint8Array(Float32Array.from(values).buffer);
    case 'F64':
      return new Uint8Array(Float64Array.from(values).buffer);
  }
}

/** What the single-threaded comparison computes: decode a block of each side, add the pair. */
function plain(a: Dtype, rawA: Uint8Array, b: Dtype, rawB: Uint8Array, count: number): PairMoments {
  const m = emptyPairMoments();
  const x = new Float32Array(blockElements),
    y = new Float32Array(blockElements);
  for (let s = 0; s < count; s += blockElements) {
    const n = Math.min(blockElements, count - s);
    decodeInto(a, rawA, s, n, x);
    decodeInto(b, rawB, s, n, y);
    addPairBlock(m, x, y, n);
  }
  return m;
}

/**
 * The kernel over the same bytes, in one call or in two split at a block border (as the worker's
 * reads are), with each side's data `shiftA` / `shiftB` bytes past a 64-byte boundary.
 */
function kernel(a: Dtype, rawA: Uint8Array, b: Dtype, rawB: Uint8Array, count: number, splitBlocks: number, shiftA = 0, shiftB = 0): PairMoments {
  const { memory, run } = kernels;
  const momentsAt = f16TableBytes,
    aAt = momentsAt + 64 + shiftA,
    bAt = momentsAt + 64 + Math.ceil(rawA.length / 64) * 64 + 64 + shiftB;
  const need = bAt + rawB.length;
  if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  new Uint8Array(memory.buffer).set(rawA, aAt);
  new Uint8Array(memory.buffer).set(rawB, bAt);
  new Float64Array(memory.buffer, momentsAt, 7).fill(0);
  const split = Math.min(count, splitBlocks * blockElements);
  const k = run(a, b);
  k(momentsAt, aAt, bAt, split);
  k(momentsAt, aAt + split * dtypeSizes[a]!, bAt + split * dtypeSizes[b]!, count - split);
  const [n, sumA, sumB, sumAA, sumBB, sumAB, sumDD] = new Float64Array(memory.buffer, momentsAt, 7);
  return { n: n!, sumA: sumA!, sumB: sumB!, sumAA: sumAA!, sumBB: sumBB!, sumAB: sumAB!, sumDD: sumDD! };
}

const specials = [0, -0, 1, -1, 2 ** -24, -(2 ** -130), 1e-40, 65504, 70000, -3e38, Infinity, -Infinity];

/** Weights as they come: normal with a scale, a derived partner, and a few special values sprinkled in. */
function tensors(seed: number, count: number, scale: number, related: boolean, specialRate: number) {
  const r = createRng(seed);
  const a: number[] = [],
    b: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = r.next() < specialRate ? specials[Math.floor(r.next() * specials.length)]! : scale * r.normal();
    a.push(x);
    b.push(related ? x + scale * 0.01 * r.normal() : r.next() < specialRate ? specials[Math.floor(r.next() * specials.length)]! : scale * r.normal());
  }
  return { a, b };
}

const dtype = fc.constantFrom(...kernelDtypes);

describe('the scan kernels', () => {
  it('give the plain loop’s sums to the last bit on random tensors of every dtype pair', () => {
    fc.assert(
      fc.property(
        dtype,
        dtype,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 5 * blockElements + 17 })),
        fc.constantFrom(0.02, 1, 300),
        fc.boolean(),
        fc.constantFrom(0, 0.001, 0.05),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        (da, db, seed, count, scale, related, specialRate, splitBlocks, shiftA, shiftB) => {
          const { a, b } = tensors(seed, count, scale, related, specialRate);
          const rawA = encode(da, a),
            rawB = encode(db, b);
          const want = plain(da, rawA, db, rawB, count);
          const got = kernel(da, rawA, db, rawB, count, splitBlocks, shiftA, shiftB);
          expect(got).toEqual(want);
          // toEqual reads −0 and 0 apart and NaN as NaN: the same bits, not only close
          for (const key of Object.keys(want) as Array<keyof PairMoments>) expect(Object.is(got[key], want[key])).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    [2 * blockElements, 0],
    [2 * blockElements + 1, 1],
    [3 * blockElements - 1, 0],
    [3 * blockElements, 2],
    [4 * blockElements - 3, 1],
    [5 * blockElements + 3, 3],
  ])('give the plain loop’s sums for %s elements split after %s blocks (pairs of blocks, a short or lone last block)', (count, splitBlocks) => {
    for (const [da, db] of [
      ['BF16', 'BF16'],
      ['BF16', 'F32'],
      ['F16', 'F64'],
    ] as const) {
      const { a, b } = tensors(count + splitBlocks, count, 300, false, 0.001);
      const rawA = encode(da, a),
        rawB = encode(db, b);
      expect(kernel(da, rawA, db, rawB, count, splitBlocks, 3, 5)).toEqual(plain(da, rawA, db, rawB, count));
    }
  });

  it('keep the block order: sums over a long BF16 pair are not the sums of one long chain', () => {
    // guards the test above: with more than one block, blocks summed separately and then added give
    // other low bits than one running sum would, so an order change cannot pass unnoticed
    const count = 4 * blockElements + 5;
    const { a, b } = tensors(7, count, 0.02, true, 0);
    const rawA = encode('BF16', a),
      rawB = encode('BF16', b);
    const got = kernel('BF16', rawA, 'BF16', rawB, count, 1);
    expect(got).toEqual(plain('BF16', rawA, 'BF16', rawB, count));
    const x = new Float32Array(count),
      y = new Float32Array(count);
    decodeInto('BF16', rawA, 0, count, x);
    decodeInto('BF16', rawB, 0, count, y);
    const oneChain = emptyPairMoments();
    addPairBlock(oneChain, x, y, count);
    expect(oneChain.n).toBe(got.n);
    expect([oneChain.sumAA, oneChain.sumBB, oneChain.sumAB, oneChain.sumDD]).not.toEqual([got.sumAA, got.sumBB, got.sumAB, got.sumDD]);
  });
});
