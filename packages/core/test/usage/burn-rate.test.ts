import { describe, expect, it } from 'vitest';
import { entitlementFromConcurrentGpus, forecastBurnRate } from '../../src/usage/burn-rate.ts';
import { DEFAULT_UNDER_USE_POLICY, evaluateUnderUse, underUsePolicySchema } from '../../src/usage/under-use-policy.ts';

const DAY = 86_400;
const start = Date.UTC(2026, 3, 1) / 1000 - 9 * 3600; // 1 Apr 2026 00:00 KST
const end = start + 160 * DAY; // phase 2 of the specialized-FM program: ~5 months
const entitled = entitlementFromConcurrentGpus(256, start, end);
const phase = { entitledGpuSeconds: entitled, phaseStart: start, phaseEnd: end };

describe('burn-rate forecast to the phase end', () => {
  it('projects the full entitlement for a task using its GPUs at pace', () => {
    const f = forecastBurnRate({ ...phase, usedGpuSeconds: 256 * 80 * DAY, asOf: start + 80 * DAY });
    expect(f.status).toBe('on-track');
    expect(f.projectedGpuSeconds).toBe(entitled);
    expect(f.utilisation).toBe(1);
    expect(f.exhaustedAt).toBeNull();
  });

  it('projects half for a task that used a quarter in the first half', () => {
    const f = forecastBurnRate({ ...phase, usedGpuSeconds: entitled / 4, asOf: start + 80 * DAY });
    expect(f.status).toBe('under');
    expect(f.projectedShare).toBeCloseTo(0.5, 10);
    expect(f.message.en).toContain('50%');
    expect(f.message.ko).toContain('50%');
  });

  it('gives the instant a budget runs out when use runs ahead of it', () => {
    const budget = { ...phase, entitledGpuSeconds: 256 * 100 * DAY };
    const f = forecastBurnRate({ ...budget, usedGpuSeconds: 256 * 50 * DAY, asOf: start + 50 * DAY });
    expect(f.status).toBe('over');
    expect(f.exhaustedAt).toBe(start + 100 * DAY);
  });

  it('says "not started" before the phase begins', () => {
    expect(forecastBurnRate({ ...phase, usedGpuSeconds: 0, asOf: start - DAY }).status).toBe('not-started');
  });
});

describe('under-use policy', () => {
  it('does not judge within the grace month', () => {
    const e = evaluateUnderUse({ ...phase, usedGpuSeconds: 0, asOf: start + 29 * DAY });
    expect(e.level).toBe('too-early');
    expect(e.proposal).toBeNull();
  });

  it('is satisfied at or above half of the pro-rata entitlement', () => {
    const e = evaluateUnderUse({ ...phase, usedGpuSeconds: 256 * 20 * DAY, asOf: start + 40 * DAY });
    expect(e.level).toBe('ok');
  });

  it('warns between the reclaim and warn thresholds', () => {
    const policy = { ...DEFAULT_UNDER_USE_POLICY, reclaimBelow: 0.25 };
    const e = evaluateUnderUse({ ...phase, usedGpuSeconds: 256 * 12 * DAY, asOf: start + 40 * DAY }, policy);
    expect(e.level).toBe('warn');
    expect(e.utilisation).toBeCloseTo(0.3, 10);
    expect(e.proposal).toBeNull();
  });

  it('proposes reclaiming half of the idle share, in GPU-minutes and whole nodes', () => {
    // 60 days in, 256 GPUs due: used 20 % of what was due → idle 80 % of 256 × 60 days
    const asOf = start + 60 * DAY;
    const e = evaluateUnderUse({ ...phase, usedGpuSeconds: 256 * 12 * DAY, asOf, concurrentGpus: 256 });
    expect(e.level).toBe('reclaim');
    const idle = 256 * 60 * DAY - 256 * 12 * DAY;
    expect(e.idleGpuSeconds).toBe(idle);
    expect(e.proposal!.reclaimGpuMinutes).toBe(idle / 2 / 60);
    // idle/2 = 256 × 24 days over the 100 days left ≈ 61.4 GPUs → 56 (7 whole nodes)
    expect(e.proposal!.concurrentGpusAfter).toBe(256 - 56);
    expect(e.proposal!.reason.ko).toContain('회수');
    expect(e.proposal!.reason.en).toContain('256 → 200');
  });

  it('rejects a policy whose reclaim threshold is above its warn threshold', () => {
    expect(underUsePolicySchema.safeParse({ ...DEFAULT_UNDER_USE_POLICY, reclaimBelow: 0.6 }).success).toBe(false);
  });
});
