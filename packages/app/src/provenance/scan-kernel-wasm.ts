/**
 * The scan's inner loop as a small WebAssembly module, assembled here byte by byte (no toolchain):
 * one function per (candidate dtype, reference dtype) that sums a whole read, block by block.
 *
 * Exactness: the figures must be the very bits `addPairBlock` gives, so every sum stays one float64
 * chain in element order within a block of `BLOCK` elements, and block sums are added to the
 * running totals in block order, as in the JavaScript loop. What is faster is everything around the
 * chains: a BF16 value is widened by a shift (a bfloat16 is the top half of a float32), an F16 value
 * by one load from a table, F64 is rounded to float32 first as `decodeInto` does, there are no
 * bounds checks, and the six chains run as three two-lane (f64x2) chains — each lane is its own
 * IEEE float64 sum, so pairing them changes no bit:
 *   [Σa, Σb] += [a, b];  [Σa², Σb²] += [a, b]·[a, b];  [Σab, Σd²] += [a, d]·[b, d]  (d = a − b).
 *
 * Memory layout (the worker's business): the F16 table (65,536 float32) at byte 0, then whatever
 * the worker places after it. A kernel's signature: (moments, a, b, count) with byte addresses,
 * where moments holds seven float64 (n, Σa, Σb, Σa², Σb², Σab, Σd²) that the kernel adds to.
 */

export const kernelDtypes = ['BF16', 'F16', 'F32', 'F64'] as const;
export const f16TableBytes = 65536 * 4;

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

// prettier-ignore
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Load16U: 0x2f,
  f64Store: 0x39,
  i32Const: 0x41,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Shl: 0x74,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f32DemoteF64: 0xb6,
  f64ConvertI32U: 0xb8,
  f64PromoteF32: 0xbb,
  f32ReinterpretI32: 0xbe,
  simd: 0xfd,
} as const;
const simd = {
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d,
  f64x2Splat: 0x14,
  f64x2ExtractLane: 0x21,
  f64x2ReplaceLane: 0x22,
  v128Load64Lane: 0x57,
  v128Load64Zero: 0x5d,
  f64x2PromoteLowF32x4: 0x5f,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
} as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const str = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const simdOp = (code: number, ...imm: number[]) => [op.simd, ...uleb(code), ...imm];

// parameters and locals of every kernel
const M = 0,
  A = 1,
  B = 2,
  END = 3; // i32 params
const B0 = 4,
  B1 = 5,
  PA = 6,
  PB = 7,
  STOP = 8; // i32 locals
const X = 9,
  Y = 10; // f64 locals
const V = 11,
  S1 = 12,
  S2 = 13,
  S3 = 14,
  W = 15,
  Z = 16,
  T = 17; // v128 locals (Z: four BF16 pairs' bytes)
const get = (l: number) => [op.localGet, ...uleb(l)];
const set = (l: number) => [op.localSet, ...uleb(l)];
const sizes = { BF16: 2, F16: 2, F32: 4, F64: 8 } as const;
const log2 = { 1: 0, 2: 1, 4: 2, 8: 3 } as const;
type Dtype = (typeof kernelDtypes)[number];

/** Pushes the element at the address in local `ptr`, widened to float64 exactly as `decodeInto` and a float32 read would. */
function load(dtype: Dtype, ptr: number): number[] {
  switch (dtype) {
    case 'BF16':
      return [...get(ptr), op.i32Load16U, 1, 0, op.i32Const, ...sleb(16), op.i32Shl, op.f32ReinterpretI32, op.f64PromoteF32];
    case 'F16':
      return [...get(ptr), op.i32Load16U, 1, 0, op.i32Const, ...sleb(2), op.i32Shl, op.f32Load, 2, 0, op.f64PromoteF32];
    case 'F32':
      return [...get(ptr), op.f32Load, 2, 0, op.f64PromoteF32];
    case 'F64':
      return [...get(ptr), op.f64Load, 3, 0, op.f32DemoteF64, op.f64PromoteF32];
  }
}

/** m[slot] += value (value pushed by `push`) */
const addTo = (slot: number, push: number[]) => [...get(M), ...get(M), op.f64Load, 3, ...uleb(slot * 8), ...push, op.f64Add, op.f64Store, 3, ...uleb(slot * 8)];
const lane = (v: number, l: number) => [...get(v), ...simdOp(simd.f64x2ExtractLane, l)];
const shuffle = (lanes: number[]) => simdOp(simd.i8x16Shuffle, ...lanes);
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
/** [v1, v0] of two f64x2 operands' [v0, v1] (the second operand is ignored) */
const swapLanes = shuffle([...range(8, 8), ...range(0, 8)]);
/** [first's lane 0, second's lane 1] */
const lowHigh = shuffle([...range(0, 8), ...range(24, 8)]);

/**
 * One element's step, with V = [a, b] (float64): the three two-lane sums take it in element order.
 *   S1 += V;  S2 += V·V;  S3 += [a·b, d²] from V·swap(V) = [ab, ba] and (V − swap(V))² = [d², d²].
 */
// prettier-ignore
const step = [
  ...get(S1), ...get(V), ...simdOp(simd.f64x2Add), ...set(S1),
  ...get(S2), ...get(V), ...get(V), ...simdOp(simd.f64x2Mul), ...simdOp(simd.f64x2Add), ...set(S2),
  ...get(V), ...get(V), ...swapLanes, ...set(W),
  ...get(V), ...get(W), ...simdOp(simd.f64x2Sub), ...set(T),
  ...get(S3), ...get(V), ...get(W), ...simdOp(simd.f64x2Mul), ...get(T), ...get(T), ...simdOp(simd.f64x2Mul), ...lowHigh, ...simdOp(simd.f64x2Add), ...set(S3),
];

/** while (ptr < STOP) { body } */
// prettier-ignore
const whileBelow = (ptr: number, body: number[]) => [op.block, 0x40, op.loop, 0x40, ...get(ptr), ...get(STOP), op.i32GeU, op.brIf, 1, ...body, op.br, 0, op.end, op.end];
const advance = (ptr: number, by: number) => [...get(ptr), op.i32Const, ...sleb(by), op.i32Add, ...set(ptr)];
/** ptr = base + elements · size */
const address = (ptr: number, base: number, elements: number[], size: number) => [
  ...elements,
  op.i32Const,
  ...sleb(log2[size as 2]),
  op.i32Shl,
  ...get(base),
  op.i32Add,
  ...set(ptr),
];

function kernelBody(a: Dtype, b: Dtype, block: number): number[] {
  const sa = sizes[a],
    sb = sizes[b];
  const zero = simdOp(simd.v128Const, ...new Array<number>(16).fill(0));
  const quad: number[] = [];
  if (a === 'BF16' && b === 'BF16') {
    // STOP = a + (b0 + ((b1 - b0) & ~3)) · 2
    const body: number[] = [
      ...get(PA),
      ...simdOp(simd.v128Load64Zero, 0, 0),
      ...set(Z),
      ...get(PB),
      ...get(Z),
      ...simdOp(simd.v128Load64Lane, 0, 0, 1),
      ...set(Z),
    ];
    for (let k = 0; k < 4; k++) {
      const z = 16; // any byte of the second operand (zeros)
      body.push(
        ...get(Z),
        ...zero,
        ...shuffle([z, z, 2 * k, 2 * k + 1, z, z, 8 + 2 * k, 9 + 2 * k, z, z, z, z, z, z, z, z]),
        ...simdOp(simd.f64x2PromoteLowF32x4),
        ...set(V),
        ...step,
      );
    }
    body.push(...advance(PA, 8), ...advance(PB, 8));
    quad.push(
      ...address(STOP, A, [...get(B1), ...get(B0), op.i32Sub, op.i32Const, ...sleb(-4), op.i32And, ...get(B0), op.i32Add], sa),
      ...whileBelow(PA, body),
    );
  }
  const one = [
    ...load(a, PA),
    ...set(X),
    ...load(b, PB),
    ...set(Y),
    ...get(X),
    ...simdOp(simd.f64x2Splat),
    ...get(Y),
    ...simdOp(simd.f64x2ReplaceLane, 1),
    ...set(V),
    ...step,
    ...advance(PA, sa),
    ...advance(PB, sb),
  ];
  // prettier-ignore
  const code = [
    op.i32Const, 0, ...set(B0),
    op.block, 0x40,
    op.loop, 0x40,
    ...get(B0), ...get(END), op.i32GeU, op.brIf, 1,
    // b1 = min(b0 + block, end)
    ...get(B0), op.i32Const, ...sleb(block), op.i32Add, op.localTee, ...uleb(B1),
    ...get(END),
    ...get(B1), ...get(END), op.i32LtU,
    op.select, ...set(B1),
    ...zero, ...set(S1), ...zero, ...set(S2), ...zero, ...set(S3),
    ...address(PA, A, get(B0), sa),
    ...address(PB, B, get(B0), sb),
    ...quad,
    ...address(STOP, A, get(B1), sa),
    ...whileBelow(PA, one),
    // the block's sums join the running totals in the order addPairBlock adds them
    ...addTo(0, [...get(B1), ...get(B0), op.i32Sub, op.f64ConvertI32U]),
    ...addTo(1, lane(S1, 0)),
    ...addTo(2, lane(S1, 1)),
    ...addTo(3, lane(S2, 0)),
    ...addTo(4, lane(S2, 1)),
    ...addTo(5, lane(S3, 0)),
    ...addTo(6, lane(S3, 1)),
    ...get(B1), ...set(B0),
    op.br, 0,
    op.end,
    op.end,
    op.end,
  ];
  const locals = vec([
    [...uleb(5), I32],
    [...uleb(2), F64],
    [...uleb(7), V128],
  ]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

const kernelName = (a: string, b: string) => `k_${a}_${b}`;

/** The module's bytes: exports `memory` (one page more than the F16 table; grow as needed) and a kernel per dtype pair. */
export function scanKernelModule(block: number): Uint8Array<ArrayBuffer> {
  const pairs = kernelDtypes.flatMap((a) => kernelDtypes.map((b) => [a, b] as const));
  const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32]]), ...vec([])]]));
  const funcs = section(3, vec(pairs.map(() => [0])));
  const memory = section(5, vec([[0x00, ...uleb(f16TableBytes / 65536 + 1)]]));
  const exports = section(7, vec([[...str('memory'), 0x02, 0], ...pairs.map(([a, b], i) => [...str(kernelName(a, b)), 0x00, ...uleb(i)])]));
  const code = section(10, [...uleb(pairs.length), ...pairs.flatMap(([a, b]) => kernelBody(a, b, block))]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...code]);
}
