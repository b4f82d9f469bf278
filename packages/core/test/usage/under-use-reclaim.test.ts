import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateUnderUse, type UnderUsePolicy } from '../../src/usage/under-use-policy.ts';

const DAY = 86_400;
const policyArb: fc.Arbitrary<UnderUsePolicy> = fc
  .record({
    graceDays: fc.integer({ min: 0, max: 60 }),
    warnBelow: fc.double({ min: 0, max: 1, noNaN: true }),
    reclaimFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    reclaimShareOfIdle: fc.double({ min: 0, max: 1, noNaN: true }),
    gpuGranularity: fc.constantFrom(1, 4, 8),
  })
  .map((p) => ({
    graceSeconds: p.graceDays * DAY,
    warnBelow: p.warnBelow,
    reclaimBelow: p.warnBelow * p.reclaimFraction,
    reclaimShareOfIdle: p.reclaimShareOfIdle,
    gpuGranularity: p.gpuGranularity,
  }));

describe('issue 20 item 7: an under-use reclaim never takes more than the remaining future entitlement', () => {
  it('late in a phase with nothing used, the reclaim is capped at what is still ahead (not half the idle past)', () => {
    // 256 GPUs for 100 days; 90 days in, nothing used: idle 90 days' worth, only 10 days' worth ahead
    const entitled = 256 * 100 * DAY;
    const r = evaluateUnderUse(
      { entitledGpuSeconds: entitled, phaseStart: 0, phaseEnd: 100 * DAY, usedGpuSeconds: 0, asOf: 90 * DAY, concurrentGpus: 256 },
      { graceSeconds: 30 * DAY, warnBelow: 0.5, reclaimBelow: 0.5, reclaimShareOfIdle: 0.5, gpuGranularity: 8 },
    );
    expect(r.level).toBe('reclaim');
    expect(r.proposal!.reclaimGpuMinutes).toBe((256 * 10 * DAY) / 60);
    expect(r.proposal!.concurrentGpusAfter).toBe(0);
  });

  it('property: reclaimed GPU-minutes and the concurrent cut over the rest of the phase stay within the future entitlement', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }).chain((days) =>
          fc.record({
            days: fc.constant(days),
            gpus: fc.integer({ min: 1, max: 64 }).map((n) => n * 8),
            at: fc.integer({ min: 0, max: days * DAY }),
            usedShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
          }),
        ),
        policyArb,
        ({ days, gpus, at, usedShare }, policy) => {
          const total = days * DAY;
          const entitled = gpus * total;
          const proRata = Math.floor((entitled * at) / total);
          const r = evaluateUnderUse(
            { entitledGpuSeconds: entitled, phaseStart: 0, phaseEnd: total, usedGpuSeconds: Math.floor(proRata * usedShare), asOf: at, concurrentGpus: gpus },
            policy,
          );
          if (!r.proposal) return;
          const future = entitled - proRata;
          expect(r.proposal.reclaimGpuMinutes * 60).toBeLessThanOrEqual(future);
          expect(r.proposal.reclaimGpuMinutes).toBeGreaterThan(0);
          const cut = r.proposal.concurrentGpusBefore! - r.proposal.concurrentGpusAfter!;
          expect(cut).toBeGreaterThanOrEqual(0);
          expect(cut * (total - at)).toBeLessThanOrEqual(r.proposal.reclaimGpuMinutes * 60);
        },
      ),
      { numRuns: 500 },
    );
  });
});
