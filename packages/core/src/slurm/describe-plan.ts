import { runnableSteps, type SlurmPlan } from './plan.ts';

export type PlanLanguage = 'ko' | 'en';

/**
 * The plan as a person reads it before saying yes: one numbered line per step with its command
 * beneath, destructive steps marked, and those waiting for an opt-in said to be skipped.
 */
export function describePlan(plan: SlurmPlan, language: PlanLanguage = 'en'): string {
  const t = (en: string, ko: string) => (language === 'ko' ? ko : en);
  if (plan.steps.length === 0) return t('Slurm already matches the allocations: nothing to do.', 'Slurm 이 이미 배정과 일치합니다: 할 일이 없습니다.');
  const lines: string[] = [];
  const skipped = plan.steps.filter((s) => s.skipped).length;
  const runnable = runnableSteps(plan).length;
  lines.push(
    t(
      `Slurm plan: ${runnable} step(s) to run${skipped ? `, ${skipped} destructive step(s) skipped (pass --allow-destructive to include them)` : ''}.`,
      `Slurm 계획: 실행할 단계 ${runnable}개${skipped ? `, 파괴적 단계 ${skipped}개 생략 (포함하려면 --allow-destructive)` : ''}.`,
    ),
  );
  plan.steps.forEach((s, i) => {
    const mark = s.skipped ? t(' [skipped: destructive]', ' [생략: 파괴적]') : s.destructive ? t(' [destructive]', ' [파괴적]') : '';
    const sign = s.kind === 'create' ? '+' : s.kind === 'modify' ? '~' : '-';
    lines.push(`${String(i + 1).padStart(3)}. ${sign} ${s.description[language]}${mark}`);
    lines.push(`       $ ${s.argv.join(' ')}`);
  });
  return lines.join('\n');
}
