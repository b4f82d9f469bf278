/**
 * The scan's inner loop as a small WebAssembly module, assembled here byte by byte (no toolchain):
 * one function per (candidate dtype, reference dtype) that sums a whole read, block by block.
 *
 * Exactness: the figures must be the very bits `addPairBlock` gives, so every sum stays one float64
 * chain in element order within a block of `BLOCK` elements, and block sums are added to the
 * running totals in block order, as in the JavaScript loop. Speed comes from around the chains:
 * two blocks run side by side, block 2j in lane 0 and block 2j + 1 in lane 1 of six f64x2 sums
 * (Σa, Σb, Σa², Σb², Σab, Σd² with d = a − b), so twelve independent chains keep both float-add
 * units busy where one chain per sum would wait out each addition's latency; each lane is its own
 * IEEE float64 sum, so this changes no bit. A BF16 value is widened by interleaving zeros under it
 * (a bfloat16 is the top half of a float32) and promoted, F16 by one table load, F64 is rounded to
 * float32 first as `decodeInto` does; there are no bounds checks.
 *
 * Memory layout (the worker's business): the F16 table (65,536 float32) at byte 0, then whatever
 * the worker places after it. A kernel's signature: (moments, a, b, count) with byte addresses
 * (any alignment), where moments holds seven float64 (n, Σa, Σb, Σa², Σb², Σab, Σd²) that the
 * kernel adds to.
 */

export const kernelDtypes = ['BF16', 'F16', 'F32', 'F64'] as const;
export const f16TableBytes = 65536 * 4;

const I32 = 0x7f;
const V128 = 0x7b;

// prettier-ignore
const op = {
  block: 0x02,
  if: 0x04,
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
  i32GtU: 0x4b,
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
  v128Load32Zero: 0x5c,
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
  L0 = 5,
  L1 = 6,
  PA0 = 7,
  PA1 = 8,
  PB0 = 9,
  PB1 = 10,
  STOP = 11; // i32 locals
const SA = 12,
  SB = 13,
  SAA = 14,
  SBB = 15,
  SAB = 16,
  SDD = 17; // v128 sums: lane 0 the first block's, lane 1 the second's
const VA = 18,
  VB = 19,
  D = 20,
  ZA = 21,
  ZB = 22; // v128: one element of each block, a − b, two BF16 elements of each block as float32
const SAVED = 23; // v128 × 6: the sums as the second block finished them
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
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const shuffle = (lanes: number[]) => simdOp(simd.i8x16Shuffle, ...lanes);
const f64x2 = (code: number) => simdOp(code);
const zero = simdOp(simd.v128Const, ...new Array<number>(16).fill(0));

/**
 * One step of both blocks, with VA = [a, a′] and VB = [b, b′] (element i of the first block and of
 * the second, as float64): each of the six two-lane sums takes its term, so every lane is the chain
 * `addPairBlock` runs for its block, in element order, and the twelve chains are independent.
 */
// prettier-ignore
const step = [
  ...get(SA), ...get(VA), ...f64x2(simd.f64x2Add), ...set(SA),
  ...get(SB), ...get(VB), ...f64x2(simd.f64x2Add), ...set(SB),
  ...get(SAA), ...get(VA), ...get(VA), ...f64x2(simd.f64x2Mul), ...f64x2(simd.f64x2Add), ...set(SAA),
  ...get(SBB), ...get(VB), ...get(VB), ...f64x2(simd.f64x2Mul), ...f64x2(simd.f64x2Add), ...set(SBB),
  ...get(SAB), ...get(VA), ...get(VB), ...f64x2(simd.f64x2Mul), ...f64x2(simd.f64x2Add), ...set(SAB),
  ...get(VA), ...get(VB), ...f64x2(simd.f64x2Sub), op.localTee, ...uleb(D),
  ...get(SDD), ...get(D), ...get(D), ...f64x2(simd.f64x2Mul), ...f64x2(simd.f64x2Add), ...set(SDD),
];

/** while (ptr < STOP) { body } */
// prettier-ignore
const whileBelow = (ptr: number, body: number[]) => [op.block, 0x40, op.loop, 0x40, ...get(ptr), ...get(STOP), op.i32GeU, op.brIf, 1, ...body, op.br, 0, op.end, op.end];
const advance = (ptr: number, by: number) => [...get(ptr), op.i32Const, ...sleb(by), op.i32Add, ...set(ptr)];
/** pushes elements · size (a byte count) */
const bytesOf = (elements: number[], size: number) => [...elements, op.i32Const, ...sleb(log2[size as 2]), op.i32Shl];
/** pushes min(x, y) of two unsigned values */
const minU = (x: number[], y: number[]) => [...x, ...y, ...x, ...y, op.i32LtU, op.select];

// Shuffles V8 compiles to one instruction without a mask constant (punpcklwd, punpckhqdq): a
// shuffle with an arbitrary byte mask costs a constant rebuilt on every loop turn.
/** i16 lanes [x0, y0, x1, y1, x2, y2, x3, y3] of x and y */
const interleave16Low = shuffle([0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23]);
/** [x's high 64 bits, y's high 64 bits] */
const interleave64High = shuffle([...range(8, 8), ...range(24, 8)]);

/**
 * Two BF16 elements of both blocks from p0 (first block) and p1 (second): leaves
 * Z = [x0, x′0, x1, x′1] as float32 — a bfloat16 is the top half of a float32, so interleaving
 * zeros under the values widens them.
 */
// prettier-ignore
const widenBf16 = (p0: number, p1: number, z: number) => [
  ...zero,
  ...get(p0), ...simdOp(simd.v128Load32Zero, 1, 0),
  ...get(p1), ...simdOp(simd.v128Load32Zero, 1, 0),
  ...interleave16Low, ...interleave16Low, ...set(z),
];
/** element k (0 or 1) of both blocks from Z, as float64 */
const bf16Pair = (z: number, k: number) => [...get(z), ...(k ? [...get(z), ...interleave64High] : []), ...f64x2(simd.f64x2PromoteLowF32x4)];
/** [value at p, value at q] as float64 */
const pairAt = (dtype: Dtype, p: number, q: number) => [...load(dtype, p), ...f64x2(simd.f64x2Splat), ...load(dtype, q), ...simdOp(simd.f64x2ReplaceLane, 1)];

/**
 * A kernel sums blocks two at a time: block 2j in lane 0 and block 2j + 1 in lane 1 of each f64x2
 * sum. Within a lane the additions are those of `addPairBlock` in its order; the pair's blocks then
 * join the totals in block order. Two independent chains per sum keep both float-add units busy,
 * where one chain waits for each addition's latency.
 */
function kernelBody(a: Dtype, b: Dtype, block: number): number[] {
  const sa = sizes[a],
    sb = sizes[b];
  const quad: number[] = [];
  if (a === 'BF16' && b === 'BF16') {
    // two elements of each block at a time (four at a time spills sums to the stack)
    const body: number[] = [...widenBf16(PA0, PA1, ZA), ...widenBf16(PB0, PB1, ZB)];
    for (let k = 0; k < 2; k++) body.push(...bf16Pair(ZA, k), ...set(VA), ...bf16Pair(ZB, k), ...set(VB), ...step);
    body.push(...advance(PA0, 4), ...advance(PA1, 4), ...advance(PB0, 4), ...advance(PB1, 4));
    // STOP = PA0 + (L1 & ~1) · 2
    quad.push(...get(PA0), ...bytesOf([...get(L1), op.i32Const, ...sleb(-2), op.i32And], sa), op.i32Add, ...set(STOP), ...whileBelow(PA0, body));
  }
  // prettier-ignore
  const both = [
    ...pairAt(a, PA0, PA1), ...set(VA), ...pairAt(b, PB0, PB1), ...set(VB), ...step,
    ...advance(PA0, sa), ...advance(PA1, sa), ...advance(PB0, sb), ...advance(PB1, sb),
  ];
  // the first block past the second's end (the last block of a call may be short or have no partner)
  // prettier-ignore
  const alone = [
    ...load(a, PA0), ...f64x2(simd.f64x2Splat), ...set(VA), ...load(b, PB0), ...f64x2(simd.f64x2Splat), ...set(VB), ...step,
    ...advance(PA0, sa), ...advance(PB0, sb),
  ];
  const sums = [SA, SB, SAA, SBB, SAB, SDD];
  // prettier-ignore
  const code = [
    op.i32Const, 0, ...set(B0),
    op.block, 0x40,
    op.loop, 0x40,
    ...get(B0), ...get(END), op.i32GeU, op.brIf, 1,
    // L0 = min(block, END − B0); L1 = min(block, END − B0 − block) when positive, else 0
    ...minU([op.i32Const, ...sleb(block)], [...get(END), ...get(B0), op.i32Sub]), ...set(L0),
    ...minU([op.i32Const, ...sleb(block)], [...get(END), ...get(B0), op.i32Sub, op.i32Const, ...sleb(block), op.i32Sub]),
    op.i32Const, 0,
    ...get(END), ...get(B0), op.i32Sub, op.i32Const, ...sleb(block), op.i32GtU,
    op.select, ...set(L1),
    ...sums.flatMap((s) => [...zero, ...set(s)]),
    ...get(A), ...bytesOf(get(B0), sa), op.i32Add, op.localTee, ...uleb(PA0), op.i32Const, ...sleb(block * sa), op.i32Add, ...set(PA1),
    ...get(B), ...bytesOf(get(B0), sb), op.i32Add, op.localTee, ...uleb(PB0), op.i32Const, ...sleb(block * sb), op.i32Add, ...set(PB1),
    ...quad,
    // STOP = A + (B0 + L1) · sa, then A + (B0 + L0) · sa
    ...get(A), ...bytesOf([...get(B0), ...get(L1), op.i32Add], sa), op.i32Add, ...set(STOP),
    ...whileBelow(PA0, both),
    ...sums.flatMap((s, i) => [...get(s), ...set(SAVED + i)]),
    ...get(A), ...bytesOf([...get(B0), ...get(L0), op.i32Add], sa), op.i32Add, ...set(STOP),
    ...whileBelow(PA0, alone),
    // the blocks' sums join the running totals in block order, as addPairBlock adds them
    ...addTo(0, [...get(L0), op.f64ConvertI32U]),
    ...sums.flatMap((s, i) => addTo(i + 1, lane(s, 0))),
    ...get(L1), op.if, 0x40,
    ...addTo(0, [...get(L1), op.f64ConvertI32U]),
    ...sums.flatMap((_, i) => addTo(i + 1, lane(SAVED + i, 1))),
    op.end,
    ...get(B0), op.i32Const, ...sleb(2 * block), op.i32Add, ...set(B0),
    op.br, 0,
    op.end,
    op.end,
    op.end,
  ];
  const locals = vec([
    [...uleb(8), I32],
    [...uleb(17), V128],
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
