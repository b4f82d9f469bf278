import { describe, expect, it } from 'vitest';
import { decodeInto, toBf16Bits, toF16Bits } from '../../src/adapters/safetensors/dtype.ts';

function decode(dtype: string, bits: number[]): number[] {
  const raw = new Uint8Array(new Uint16Array(bits).buffer);
  const out = new Float32Array(bits.length);
  decodeInto(dtype, raw, 0, bits.length, out);
  return Array.from(out);
}

describe('half-precision conversions', () => {
  it('decode BF16 bit patterns to their known values', () => {
    expect(decode('BF16', [0x3f80, 0xc000, 0x3e20, 0x0000, 0x8000, 0x7f80, 0xff80, 0x4049])).toEqual([1, -2, 0.15625, 0, -0, Infinity, -Infinity, 3.140625]);
    expect(decode('BF16', [0x7fc0])[0]).toBeNaN();
  });

  it('decode F16 bit patterns to their known values, subnormals included', () => {
    expect(decode('F16', [0x3c00, 0xc000, 0x7bff, 0x0400, 0x0001, 0x3555, 0x7c00, 0xfc00])).toEqual([
      1,
      -2,
      65504,
      2 ** -14,
      2 ** -24,
      0.333251953125,
      Infinity,
      -Infinity,
    ]);
    expect(decode('F16', [0x7e00])[0]).toBeNaN();
  });

  it('encode with round-to-nearest-even, overflow to infinity and underflow to zero', () => {
    expect(toBf16Bits(1)).toBe(0x3f80);
    expect(toBf16Bits(Math.PI)).toBe(0x4049);
    // 1 + 2^-8 lies halfway between two BF16 values: ties go to the even mantissa (1.0)
    expect(toBf16Bits(1 + 2 ** -8)).toBe(0x3f80);
    expect(toF16Bits(1 / 3)).toBe(0x3555);
    expect(toF16Bits(65504)).toBe(0x7bff);
    expect(toF16Bits(1e6)).toBe(0x7c00);
    expect(toF16Bits(2 ** -24)).toBe(0x0001);
    expect(toF16Bits(2 ** -26)).toBe(0x0000);
    expect(toF16Bits(-2)).toBe(0xc000);
  });

  it('round-trip random values within half-precision error', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i * 12.9898) * 3);
    const bf = decode('BF16', xs.map(toBf16Bits));
    const f16 = decode('F16', xs.map(toF16Bits));
    xs.forEach((x, i) => {
      expect(Math.abs(bf[i]! - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -8 + 1e-30);
      expect(Math.abs(f16[i]! - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11 + 2 ** -25);
    });
  });
});
