import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addPairBlock, emptyPairMoments, mergePairMoments, pairSimilarity } from '../../src/provenance/pair-moments.ts';
import { createRng } from '../../src/shared/random.ts';

const vec = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

function direct(a: Float32Array, b: Float32Array) {
  let dot = 0,
    na = 0,
    nb = 0,
    dd = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
    dd += (a[i]! - b[i]!) ** 2;
  }
  return { cosine: dot / Math.sqrt(na * nb), relativeL2: Math.sqrt(dd) / Math.sqrt(nb) };
}

describe('pair moments', () => {
  it('gives the same cosine and relative L2 whatever the block split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 1, max: 50 }), fc.integer(), (n, block, seed) => {
        const r = createRng(seed);
        const a = vec(n, () => r.normal()),
          b = vec(n, () => r.normal());
        const m = emptyPairMoments();
        for (let s = 0; s < n; s += block) addPairBlock(m, a.subarray(s, s + block), b.subarray(s, s + block));
        const got = pairSimilarity(m),
          want = direct(a, b);
        expect(got.cosine!).toBeCloseTo(want.cosine, 10);
        expect(got.relativeL2!).toBeCloseTo(want.relativeL2, 10);
      }),
    );
  });

  it('reads identical tensors as cosine 1 and distance 0, negated ones as cosine −1', () => {
    const r = createRng(3);
    const a = vec(1000, () => r.normal());
    const same = emptyPairMoments();
    addPairBlock(same, a, a);
    expect(pairSimilarity(same)).toEqual({ cosine: 1, pearson: 1, relativeL2: 0 });
    const neg = emptyPairMoments();
    addPairBlock(
      neg,
      a,
      a.map((x) => -x),
    );
    expect(pairSimilarity(neg).cosine).toBeCloseTo(-1, 12);
    expect(pairSimilarity(neg).relativeL2).toBeCloseTo(2, 6);
  });

  it('shows independent norm weights near 1 as cosine ≈ 1 but uncorrelated once centred', () => {
    const r = createRng(9);
    const a = vec(4096, () => 1 + 0.01 * r.normal()),
      b = vec(4096, () => 1 + 0.01 * r.normal());
    const m = emptyPairMoments();
    addPairBlock(m, a, b);
    const s = pairSimilarity(m);
    expect(s.cosine!).toBeGreaterThan(0.999);
    expect(Math.abs(s.pearson!)).toBeLessThan(0.1);
  });

  it('merges partial sums as if read in one pass, and says null for an all-zero tensor', () => {
    const r = createRng(5);
    const a = vec(300, () => r.normal()),
      b = vec(300, () => r.normal());
    const x = emptyPairMoments(),
      y = emptyPairMoments(),
      all = emptyPairMoments();
    addPairBlock(x, a.subarray(0, 100), b.subarray(0, 100));
    addPairBlock(y, a.subarray(100), b.subarray(100));
    addPairBlock(all, a, b);
    expect(pairSimilarity(mergePairMoments(x, y)).cosine!).toBeCloseTo(pairSimilarity(all).cosine!, 12);
    const z = emptyPairMoments();
    addPairBlock(z, new Float32Array(10), a.subarray(0, 10));
    expect(pairSimilarity(z).cosine).toBeNull();
  });
});
