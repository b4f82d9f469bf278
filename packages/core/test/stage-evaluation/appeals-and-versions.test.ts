import { describe, expect, it } from 'vitest';
import { appealDeadline, isAppealInTime } from '../../src/stage-evaluation/appeals.ts';
import { jointBootstrap, probabilityOfFinishingLast } from '../../src/stage-evaluation/probability-last.ts';
import { assertSchemeUnchanged, freezeScheme, SchemeChangedError, schemeChanges, versionScheme } from '../../src/stage-evaluation/scheme-version.ts';
import { kaiScheme } from './fixtures.ts';

describe('appeal deadline', () => {
  it('closes at the end of the last day, Seoul time', () => {
    const w = appealDeadline('2026-01-15', kaiScheme.appealDays);
    expect(w).toEqual({ lastDay: '2026-01-22', closesAt: '2026-01-22T14:59:59.999Z' });
    expect(isAppealInTime(w, '2026-01-22T23:59:00+09:00')).toBe(true);
    expect(isAppealInTime(w, '2026-01-23T00:00:00+09:00')).toBe(false);
  });
  it('rolls over months and years and rejects impossible dates', () => {
    expect(appealDeadline('2025-12-28', 7).lastDay).toBe('2026-01-04');
    expect(appealDeadline('2028-02-25', 7).lastDay).toBe('2028-03-03');
    expect(() => appealDeadline('2026-02-30', 7)).toThrow(/no such date/);
    expect(() => appealDeadline('15/01/2026', 7)).toThrow();
  });
});

describe('probability of finishing last', () => {
  it('follows the spread of each team’s resampled totals and sums to one', () => {
    const means = { a: 90, b: 80, c: 70, d: 70.5 };
    const reps = jointBootstrap(4000, 7, (rng) => Object.fromEntries(Object.entries(means).map(([t, m]) => [t, m + 2 * rng.normal()])));
    const p = probabilityOfFinishingLast(reps);
    expect(p.a).toBe(0);
    expect(p.b).toBeLessThan(0.01);
    // c and d differ by a quarter of their joint sd (2√2): P(c < d) = Φ(0.177) ≈ 0.57
    expect(p.c).toBeGreaterThan(0.53);
    expect(p.c).toBeLessThan(0.61);
    expect(p.a + p.b + p.c + p.d).toBeCloseTo(1, 12);
  });
  it('splits an exact tie for last evenly and supports the bottom k', () => {
    expect(probabilityOfFinishingLast([{ a: 3, b: 1, c: 1 }])).toEqual({ a: 0, b: 0.5, c: 0.5 });
    expect(probabilityOfFinishingLast([{ a: 3, b: 2, c: 1 }], 2)).toEqual({ a: 0, b: 1, c: 1 });
  });
});

describe('frozen scheme versions', () => {
  const frozen = freezeScheme(kaiScheme, '2026-01-05T00:00:00+09:00');

  it('accepts the same scheme, whatever its key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...kaiScheme, appealDays: kaiScheme.appealDays }));
    expect(() => assertSchemeUnchanged(frozen, reordered)).not.toThrow();
  });

  it('refuses a scheme that moved after opening and names what moved', () => {
    const moved = structuredClone(kaiScheme);
    moved.components[1].points = 30;
    moved.components[2].points = 30;
    try {
      assertSchemeUnchanged(frozen, moved);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SchemeChangedError);
      expect((e as SchemeChangedError).changes).toEqual(['components.1.points', 'components.2.points']);
      expect((e as SchemeChangedError).text.ko).toContain('새 판');
    }
  });

  it('creates a new version only with a published reason', () => {
    const moved = { ...kaiScheme, appealDays: 14 };
    const reason = { ko: '이의신청 기간 연장 요청 반영', en: 'appeal window extended on request' };
    expect(() => versionScheme(frozen, moved, { ko: ' ', en: 'x' }, '2026-01-06T00:00:00Z')).toThrow(/reason/);
    expect(() => versionScheme(frozen, structuredClone(kaiScheme), reason, '2026-01-06T00:00:00Z')).toThrow(/identical/);
    const v2 = versionScheme(frozen, moved, reason, '2026-01-06T00:00:00Z');
    expect(v2).toMatchObject({ version: 2, reason, changes: ['appealDays'] });
    expect(() => assertSchemeUnchanged(v2, moved)).not.toThrow();
    expect(schemeChanges({ a: [1, 2] }, { a: [1, 2, 3] })).toEqual(['a.2']);
  });
});
