import type { CallFormConfig, ProposalDraft, ProposalDomain } from './api';

/** The proposal as the form holds it: strings while typing, turned into the API's shape on save. */
export interface ProposalForm {
  title: string;
  domain: ProposalDomain | '';
  summary: string;
  developmentGoals: string;
  stageGoals: { metric: string; target: string; dueDate: string }[];
  /** GPUs per phase key; blank when none is asked */
  gpus: Record<string, number | ''>;
  openSourceWhat: string;
  openSourceLicence: string;
  /** a key of the program's openness tiers, or blank */
  opennessTier: string;
  budgetWon: number | '';
}

export function proposalFormFrom(p: ProposalDraft): ProposalForm {
  const gpus: Record<string, number | ''> = {};
  for (const r of p.gpuRequest ?? []) gpus[r.phaseKey] = r.gpus;
  return {
    title: p.title ?? '',
    domain: p.domain ?? '',
    summary: p.summary ?? '',
    developmentGoals: p.developmentGoals ?? '',
    stageGoals: (p.stageGoals ?? []).map((g) => ({ metric: g.metric, target: g.target, dueDate: g.dueDate ?? '' })),
    gpus,
    openSourceWhat: p.openSourcePlan?.what ?? '',
    openSourceLicence: p.openSourcePlan?.licence ?? '',
    opennessTier: p.opennessTier ?? '',
    budgetWon: p.budgetWon ?? '',
  };
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * What a save sends. A stage goal with a half-typed due date and a phase without a positive GPU count
 * cannot be stored yet (the API would refuse the whole draft), so they stay on screen, unsaved,
 * with a hint; hidden fields are never sent.
 */
export function proposalPayload(f: ProposalForm, form: CallFormConfig, phaseOrder: string[]): ProposalDraft {
  const shown = (k: keyof CallFormConfig['fields']) => form.fields[k] !== 'hidden';
  const out: ProposalDraft = {};
  if (shown('title')) out.title = f.title;
  if (shown('domain') && f.domain) out.domain = f.domain;
  if (shown('summary')) out.summary = f.summary;
  if (shown('developmentGoals')) out.developmentGoals = f.developmentGoals;
  if (shown('stageGoals'))
    out.stageGoals = f.stageGoals
      .filter((g) => g.dueDate === '' || isDate(g.dueDate))
      .map((g) => ({ metric: g.metric, target: g.target, ...(g.dueDate ? { dueDate: g.dueDate } : {}) }));
  if (shown('gpuRequest'))
    out.gpuRequest = phaseOrder
      .filter((k) => typeof f.gpus[k] === 'number' && Number.isInteger(f.gpus[k]) && (f.gpus[k] as number) > 0)
      .map((k) => ({ phaseKey: k, gpus: f.gpus[k] as number }));
  if (shown('openSourcePlan')) out.openSourcePlan = { what: f.openSourceWhat, licence: f.openSourceLicence };
  // the declaration rides with the open-source plan; a blank one is not sent (a draft may lack it)
  if (shown('openSourcePlan') && f.opennessTier) out.opennessTier = f.opennessTier;
  if (shown('openSourcePlan') && typeof f.budgetWon === 'number') out.budgetWon = f.budgetWon;
  return out;
}

export const unsavedStageGoals = (f: ProposalForm) => f.stageGoals.map((g, i) => (g.dueDate === '' || isDate(g.dueDate) ? -1 : i)).filter((i) => i >= 0);
