import type { LocalizedText } from '../shared/localized.ts';
import { gpuHours } from './units.ts';

/** What a task may use in a phase: GPU-seconds over [phaseStart, phaseEnd) (Unix seconds). */
export interface PhaseEntitlement {
  entitledGpuSeconds: number;
  phaseStart: number;
  phaseEnd: number;
}

/** A concurrent-GPU allocation held for a whole period entitles GPUs × seconds. */
export function entitlementFromConcurrentGpus(gpus: number, start: number, end: number): number {
  return gpus * Math.max(0, end - start);
}

export type BurnStatus = 'not-started' | 'under' | 'on-track' | 'over';

export interface BurnRateForecast {
  asOf: number;
  usedGpuSeconds: number;
  entitledGpuSeconds: number;
  /** the share of the entitlement the elapsed part of the phase stands for */
  proRataGpuSeconds: number;
  /** used ÷ pro-rata (1 = exactly on pace); null before the phase starts */
  utilisation: number | null;
  /** used at the phase end if the rate so far continues */
  projectedGpuSeconds: number;
  /** projected ÷ entitled */
  projectedShare: number | null;
  /** when a budget runs out at the current rate, if before the phase end */
  exhaustedAt: number | null;
  status: BurnStatus;
  message: LocalizedText;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const hours = (s: number) => gpuHours(s, 1).toLocaleString('en-US');

/**
 * Linear projection of GPU use to the phase end: the rate so far (used ÷ elapsed) continues.
 * `tolerance` is the band below 100 % still called on track (0.1: 90 %–100 %).
 */
export function forecastBurnRate(input: PhaseEntitlement & { usedGpuSeconds: number; asOf: number }, tolerance = 0.1): BurnRateForecast {
  const { entitledGpuSeconds: entitled, phaseStart, phaseEnd, usedGpuSeconds: used, asOf } = input;
  const total = phaseEnd - phaseStart;
  if (!(total > 0)) throw new RangeError('the phase must end after it starts');
  const elapsed = Math.min(Math.max(asOf - phaseStart, 0), total);
  const proRata = Math.floor((entitled * elapsed) / total);
  if (elapsed === 0) {
    return {
      asOf,
      usedGpuSeconds: used,
      entitledGpuSeconds: entitled,
      proRataGpuSeconds: 0,
      utilisation: null,
      projectedGpuSeconds: used,
      projectedShare: entitled > 0 ? used / entitled : null,
      exhaustedAt: null,
      status: 'not-started',
      message: { ko: '단계가 아직 시작되지 않았습니다.', en: 'The phase has not started yet.' },
    };
  }
  const rate = used / elapsed;
  const projected = Math.round(used + rate * (total - elapsed));
  const share = entitled > 0 ? projected / entitled : null;
  const utilisation = proRata > 0 ? used / proRata : null;
  let exhaustedAt: number | null = null;
  if (entitled > 0 && projected > entitled && rate > 0) {
    exhaustedAt = used >= entitled ? asOf : Math.ceil(asOf + (entitled - used) / rate);
    if (exhaustedAt >= phaseEnd) exhaustedAt = null;
  }
  const status: BurnStatus = share === null ? 'over' : share > 1 ? 'over' : share < 1 - tolerance ? 'under' : 'on-track';
  const sharePct = share === null ? '–' : pct(share);
  const message: LocalizedText =
    status === 'over'
      ? {
          ko: `현재 속도라면 단계 종료 시 배정량의 ${sharePct}(${hours(projected)} GPU시간)를 사용합니다. 배정량을 초과합니다.`,
          en: `At the current rate the task will use ${sharePct} of its entitlement (${hours(projected)} GPU-hours) by the phase end, more than it is entitled to.`,
        }
      : status === 'under'
        ? {
            ko: `현재 속도라면 단계 종료 시 배정량의 ${sharePct}(${hours(projected)} GPU시간)만 사용합니다.`,
            en: `At the current rate the task will use only ${sharePct} of its entitlement (${hours(projected)} GPU-hours) by the phase end.`,
          }
        : {
            ko: `현재 속도라면 단계 종료 시 배정량의 ${sharePct}를 사용합니다(정상).`,
            en: `At the current rate the task will use ${sharePct} of its entitlement by the phase end (on track).`,
          };
  return {
    asOf,
    usedGpuSeconds: used,
    entitledGpuSeconds: entitled,
    proRataGpuSeconds: proRata,
    utilisation,
    projectedGpuSeconds: projected,
    projectedShare: share,
    exhaustedAt,
    status,
    message,
  };
}
