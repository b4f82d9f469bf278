import { z } from 'zod';
import type { LocalizedText } from '../shared/localized.ts';
import type { PhaseEntitlement } from './burn-rate.ts';
import { gpuHours, gpuMinutesFloor } from './units.ts';

/**
 * A program's rule for tasks that leave their GPUs idle, after DOE's ALCC/INCITE practice: after a
 * grace period, use below a share of the pro-rata entitlement draws a warning, and below another a
 * proposal to reclaim part of the idle share. A proposal is only that: the operator approves it as
 * a change request.
 */
export const underUsePolicySchema = z
  .object({
    /** no judgement before the task has had this long (seconds since the phase start) */
    graceSeconds: z.number().int().nonnegative(),
    /** warn when used ÷ pro-rata entitlement is below this */
    warnBelow: z.number().min(0).max(1),
    /** propose a reclaim when used ÷ pro-rata entitlement is below this (≤ warnBelow) */
    reclaimBelow: z.number().min(0).max(1),
    /** share of the idle GPU-seconds (pro-rata − used) proposed for reclaim */
    reclaimShareOfIdle: z.number().min(0).max(1),
    /** concurrent GPUs are reduced in whole units of this (8 = one B200 node) */
    gpuGranularity: z.number().int().positive(),
  })
  .refine((p) => p.reclaimBelow <= p.warnBelow, { message: 'reclaimBelow must not exceed warnBelow', path: ['reclaimBelow'] });
export type UnderUsePolicy = z.infer<typeof underUsePolicySchema>;

export const DEFAULT_UNDER_USE_POLICY: UnderUsePolicy = {
  graceSeconds: 30 * 86_400,
  warnBelow: 0.5,
  reclaimBelow: 0.5,
  reclaimShareOfIdle: 0.5,
  gpuGranularity: 8,
};

export interface ReclaimProposal {
  kind: 'reclaim';
  /** GPU-minutes taken off the rest of the phase (Slurm's GrpTRESMins unit) */
  reclaimGpuMinutes: number;
  /** concurrent GPUs before and after, when the allocation is a concurrent-GPU one */
  concurrentGpusBefore: number | null;
  concurrentGpusAfter: number | null;
  reason: LocalizedText;
}

export type UnderUseLevel = 'too-early' | 'ok' | 'warn' | 'reclaim';

export interface UnderUseEvaluation {
  level: UnderUseLevel;
  /** used ÷ pro-rata entitlement at asOf; null before anything was due */
  utilisation: number | null;
  proRataGpuSeconds: number;
  idleGpuSeconds: number;
  message: LocalizedText;
  proposal: ReclaimProposal | null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const hrs = (s: number) => gpuHours(s, 1).toLocaleString('en-US');

export function evaluateUnderUse(
  input: PhaseEntitlement & { usedGpuSeconds: number; asOf: number; concurrentGpus?: number },
  policy: UnderUsePolicy = DEFAULT_UNDER_USE_POLICY,
): UnderUseEvaluation {
  const { entitledGpuSeconds: entitled, phaseStart, phaseEnd, usedGpuSeconds: used, asOf } = input;
  const total = phaseEnd - phaseStart;
  if (!(total > 0)) throw new RangeError('the phase must end after it starts');
  const elapsed = Math.min(Math.max(asOf - phaseStart, 0), total);
  const proRata = Math.floor((entitled * elapsed) / total);
  const idle = Math.max(0, proRata - used);
  const utilisation = proRata > 0 ? used / proRata : null;
  const base = { utilisation, proRataGpuSeconds: proRata, idleGpuSeconds: idle };

  if (elapsed < policy.graceSeconds || utilisation === null) {
    return {
      ...base,
      level: 'too-early',
      proposal: null,
      message: { ko: '유예 기간 중이므로 사용률을 판단하지 않습니다.', en: 'Still within the grace period; usage is not judged yet.' },
    };
  }
  const usedText = {
    ko: `사용량 ${hrs(used)} GPU시간, 현재까지 배정분 ${hrs(proRata)} GPU시간의 ${pct(utilisation)}`,
    en: `used ${hrs(used)} GPU-hours, ${pct(utilisation)} of the ${hrs(proRata)} GPU-hours due so far`,
  };
  if (utilisation >= policy.warnBelow) {
    return { ...base, level: 'ok', proposal: null, message: { ko: `정상: ${usedText.ko}.`, en: `On track: ${usedText.en}.` } };
  }
  if (utilisation >= policy.reclaimBelow) {
    return {
      ...base,
      level: 'warn',
      proposal: null,
      message: {
        ko: `저사용 경고: ${usedText.ko}(기준 ${pct(policy.warnBelow)}).`,
        en: `Under-use warning: ${usedText.en} (threshold ${pct(policy.warnBelow)}).`,
      },
    };
  }

  const remaining = total - elapsed;
  const futureEntitled = entitled - proRata;
  // Only what is still ahead can be taken back; idle time already past is gone either way.
  const reclaimSeconds = Math.min(Math.floor(idle * policy.reclaimShareOfIdle), futureEntitled);
  const reclaimGpuMinutes = gpuMinutesFloor(Math.max(0, reclaimSeconds));
  let before: number | null = null;
  let after: number | null = null;
  if (input.concurrentGpus !== undefined && remaining > 0) {
    before = input.concurrentGpus;
    const g = policy.gpuGranularity;
    const cut = Math.min(Math.floor((reclaimGpuMinutes * 60) / remaining / g) * g, before);
    after = before - cut;
  }
  const gpuText =
    before !== null && after !== null && after < before
      ? { ko: ` 동시 GPU ${before} → ${after}.`, en: ` Concurrent GPUs ${before} → ${after}.` }
      : { ko: '', en: '' };
  const reason: LocalizedText = {
    ko: `저사용: ${usedText.ko}(회수 기준 ${pct(policy.reclaimBelow)}). 유휴분의 ${pct(policy.reclaimShareOfIdle)}인 ${hrs(reclaimGpuMinutes * 60)} GPU시간(${reclaimGpuMinutes} GPU분) 회수를 제안합니다.${gpuText.ko}`,
    en: `Under-use: ${usedText.en} (reclaim threshold ${pct(policy.reclaimBelow)}). Proposes reclaiming ${pct(policy.reclaimShareOfIdle)} of the idle share, ${hrs(reclaimGpuMinutes * 60)} GPU-hours (${reclaimGpuMinutes} GPU-minutes).${gpuText.en}`,
  };
  return {
    ...base,
    level: 'reclaim',
    message: reason,
    proposal: reclaimGpuMinutes > 0 ? { kind: 'reclaim', reclaimGpuMinutes, concurrentGpusBefore: before, concurrentGpusAfter: after, reason } : null,
  };
}
