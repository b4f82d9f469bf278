import type { LocalizedText, FieldIssue } from '../shared/localized.ts';

/** What the request rule reads of a program: its phases (with their per-task caps) and its pools. */
export interface RequestRules {
  phases: readonly { key: string; name: LocalizedText; maxGpusPerTask?: { gpus: number; reason: LocalizedText } | undefined }[];
  gpuPools: readonly { gpuCount: number }[];
}

/**
 * The per-task cap of a phase, once: `held` GPUs for one task in `phase` over its cap gives the
 * program's reason; under it (or in a phase without a cap) null. Allocations and requests share it.
 */
export function perTaskCapExcess(phase: RequestRules['phases'][number], held: number, who: LocalizedText): LocalizedText | null {
  const cap = phase.maxGpusPerTask;
  if (!cap || held <= cap.gpus) return null;
  return {
    ko: `${who.ko} ${phase.name.ko}에 ${held} GPU를 받게 되어 과제당 한도 ${cap.gpus} GPU를 넘습니다 (${cap.reason.ko})`,
    en: `${who.en} would hold ${held} GPUs in ${phase.name.en}, above the per-task cap of ${cap.gpus} (${cap.reason.en})`,
  };
}

/**
 * A proposal's GPU request within the program's rules: no phase above its per-task cap, none above
 * the GPUs the program's pools hold. Judged at every draft save and again at submission, so a
 * request that cannot be granted is refused where it is typed, with the reason.
 */
export function gpuRequestIssues(requests: readonly { phaseKey: string; gpus: number }[] | undefined, rules: RequestRules): FieldIssue[] {
  const pool = rules.gpuPools.reduce((s, p) => s + p.gpuCount, 0);
  const out: FieldIssue[] = [];
  (requests ?? []).forEach((r, i) => {
    const field = `proposal.gpuRequest[${i}].gpus`;
    const phase = rules.phases.find((p) => p.key === r.phaseKey);
    const over = phase && perTaskCapExcess(phase, r.gpus, { ko: '이 과제는', en: 'the task' });
    if (over) out.push({ field, message: { ko: `요청한 GPU가 한도를 넘습니다: ${over.ko}`, en: `the request is above the cap: ${over.en}` } });
    else if (r.gpus > pool) {
      const name = phase?.name ?? { ko: r.phaseKey, en: r.phaseKey };
      out.push({
        field,
        message: {
          ko: `${name.ko}에 요청한 GPU ${r.gpus}장이 사업의 GPU 풀 ${pool}장보다 많습니다`,
          en: `${r.gpus} GPUs asked for ${name.en} are more than the program's pools hold (${pool})`,
        },
      });
    }
  });
  return out;
}
