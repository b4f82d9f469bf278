import { describe, expect, it } from 'vitest';
import { compareFingerprints, FingerprintBuilder } from '../../src/provenance/fingerprint.ts';
import { defaultThresholds } from '../../src/provenance/thresholds.ts';
import { createRng } from '../../src/shared/random.ts';

function fingerprint(values: Float32Array, block: number) {
  const f = new FingerprintBuilder(values.length, 512);
  for (let s = 0; s < values.length; s += block) f.add(values.subarray(s, s + block));
  return f.finish();
}
const normal = (n: number, seed: number, std = 1, mean = 0) => {
  const r = createRng(seed);
  return Float32Array.from({ length: n }, () => mean + std * r.normal());
};

describe('fingerprints', () => {
  it('do not depend on how the tensor was split into blocks', () => {
    const v = normal(10_000, 1);
    const split = fingerprint(v, 37),
      whole = fingerprint(v, 10_000);
    expect(split.quantiles).toEqual(whole.quantiles);
    expect(split.std).toBeCloseTo(whole.std, 12);
    expect(split.mean).toBeCloseTo(whole.mean, 12);
  });

  it('describe the distribution: mean, std and quantiles', () => {
    const f = fingerprint(normal(50_000, 2, 0.02, 0.5), 4096);
    expect(f.mean).toBeCloseTo(0.5, 3);
    expect(f.std).toBeCloseTo(0.02, 3);
    expect(f.quantiles[16]).toBeCloseTo(0.5, 2);
    expect(Math.abs(f.kurtosis)).toBeLessThan(0.5);
  });

  it('call two draws of the same distribution the same and a different scale different', () => {
    const t = defaultThresholds.fingerprint;
    const a = fingerprint(normal(20_000, 3, 0.02), 1000);
    const b = fingerprint(normal(30_000, 4, 0.02), 1000);
    const wide = fingerprint(normal(20_000, 5, 0.05), 1000);
    const uniform = (() => {
      const r = createRng(6);
      return fingerprint(
        Float32Array.from({ length: 20_000 }, () => (r.next() - 0.5) * 0.0693),
        1000,
      );
    })();
    expect(compareFingerprints(a, b, t).sameDistribution).toBe(true);
    expect(compareFingerprints(a, wide, t).sameDistribution).toBe(false);
    expect(compareFingerprints(a, wide, t).stdRatio!).toBeCloseTo(0.4, 1);
    // a uniform with the same std has a different shape: flat tails
    expect(compareFingerprints(uniform, a, t).quantileCorrelation!).toBeLessThan(0.99);
  });
});
