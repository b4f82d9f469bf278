import { describe, expect, it } from 'vitest';
import { verdictFor } from '../../src/evaluation/verdict.ts';

describe('issue 20.3: the ratio verdict at its boundaries', () => {
  it('does not fail an interval whose upper end is exactly the threshold (it touches the target)', () => {
    expect(verdictFor([0.8, 0.95], 0.95)).toBe('inconclusive');
    expect(verdictFor([0.95, 0.95], 0.95)).toBe('pass');
  });

  it('fails as soon as the upper end is below the threshold, by the smallest step a double has', () => {
    const below = 0.95 - Number.EPSILON;
    expect(below).toBeLessThan(0.95);
    expect(verdictFor([0.8, below], 0.95)).toBe('fail');
  });

  it('passes an interval whose lower end is exactly the threshold, and not one just under it', () => {
    expect(verdictFor([0.95, 1.2], 0.95)).toBe('pass');
    expect(verdictFor([0.95 - Number.EPSILON, 1.2], 0.95)).toBe('inconclusive');
  });
});
