import { endianness } from 'node:os';

/** Bytes per element of every dtype the safetensors format defines. */
export const dtypeSizes: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  C64: 8,
  F64: 8,
  I64: 8,
  U64: 8,
};

/** Weight dtypes read as numbers; the rest (integer buffers, fp8 scales) are listed as skipped. */
export const decodableDtypes: ReadonlySet<string> = new Set(['F64', 'F32', 'F16', 'BF16']);

// safetensors is little-endian; typed-array views read host order
if (endianness() !== 'LE') throw new Error('the safetensors reader needs a little-endian host');

/** float32 value of every IEEE half bit pattern (the scan workers widen F16 with it). */
export const f16Table = (() => {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    t[h] = exp === 0 ? sign * frac * 2 ** -24 : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return t;
})();

/**
 * Decodes `count` elements starting at element `first` of `raw` (whose byteOffset must be aligned
 * to the element size) into out[0..count).
 */
export function decodeInto(dtype: string, raw: Uint8Array, first: number, count: number, out: Float32Array): void {
  switch (dtype) {
    case 'F32':
      out.set(new Float32Array(raw.buffer, raw.byteOffset + first * 4, count));
      return;
    case 'BF16': {
      // a bfloat16 is the top half of a float32
      const src = new Uint16Array(raw.buffer, raw.byteOffset + first * 2, count);
      const dst = new Uint32Array(out.buffer, out.byteOffset, count);
      for (let i = 0; i < count; i++) dst[i] = src[i]! << 16;
      return;
    }
    case 'F16': {
      const src = new Uint16Array(raw.buffer, raw.byteOffset + first * 2, count);
      for (let i = 0; i < count; i++) out[i] = f16Table[src[i]!]!;
      return;
    }
    case 'F64': {
      const src = new Float64Array(raw.buffer, raw.byteOffset + first * 8, count);
      for (let i = 0; i < count; i++) out[i] = src[i]!;
      return;
    }
    default:
      throw new Error(`cannot decode dtype ${dtype}`);
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → bfloat16 bits, rounding to nearest even (NaN kept quiet). */
export function toBf16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  if ((bits & 0x7fffffff) > 0x7f800000) return ((bits >>> 16) | 0x40) & 0xffff;
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/** float32 → IEEE half bits, rounding to nearest even, with subnormals and overflow to ∞. */
export function toF16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    if (rest > half || (rest === half && m & 1)) m++;
    return sign | m;
  }
  let h = sign | (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  return h;
}
