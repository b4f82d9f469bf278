import { z } from 'zod';
import { MAX_BUDGET_WON } from '../program/cost-share.ts';

/** The domains a specialized model may target; `other` for anything outside the named four. */
export const proposalDomains = ['medical', 'legal', 'finance', 'manufacturing', 'other'] as const;
export const proposalDomain = z.enum(proposalDomains);
export type ProposalDomain = z.infer<typeof proposalDomain>;

export const domainLabels: Record<ProposalDomain, { ko: string; en: string }> = {
  medical: { ko: '의료', en: 'medical' },
  legal: { ko: '법률', en: 'legal' },
  finance: { ko: '금융', en: 'finance' },
  manufacturing: { ko: '제조', en: 'manufacturing' },
  other: { ko: '기타', en: 'other' },
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** A goal the stage evaluation later checks: what is measured, the value to reach, and by when. */
export const stageGoal = z.object({
  metric: z.string().max(300),
  target: z.string().max(300),
  // optional while drafting (a row is often added before its date is known); completeness requires it
  dueDate: isoDate.optional(),
});

export const gpuRequest = z.object({ phaseKey: z.string().max(80), gpus: z.number().int().positive() });

export const openSourcePlan = z.object({ what: z.string().max(5000), licence: z.string().max(200) });

/**
 * A proposal while it is being written: every field may still be missing, but what is there has
 * the right type, so a draft is never refused for being unfinished — only for being malformed.
 */
export const proposalDraft = z
  .object({
    title: z.string().max(300),
    domain: proposalDomain,
    summary: z.string().max(20_000),
    developmentGoals: z.string().max(20_000),
    stageGoals: z.array(stageGoal).max(50),
    gpuRequest: z.array(gpuRequest).max(20),
    openSourcePlan: openSourcePlan,
    /** the openness tier the consortium plans to release at (a key of the program's `costShare.tiers`) */
    opennessTier: z.string().max(80),
    /** the task's whole budget in won, of which the team bears its tier's share */
    budgetWon: z.number().int().nonnegative().max(MAX_BUDGET_WON),
  })
  .partial()
  .strict();
export type ProposalDraft = z.infer<typeof proposalDraft>;

/** The fields a call's form configures; `attachments` are the uploaded PDFs. */
export const proposalFields = ['title', 'domain', 'summary', 'developmentGoals', 'stageGoals', 'gpuRequest', 'openSourcePlan', 'attachments'] as const;
export type ProposalField = (typeof proposalFields)[number];

export const proposalFieldLabels: Record<ProposalField, { ko: string; en: string }> = {
  title: { ko: '과제명', en: 'title' },
  domain: { ko: '분야', en: 'domain' },
  summary: { ko: '요약', en: 'summary' },
  developmentGoals: { ko: '개발 목표', en: 'development goals' },
  stageGoals: { ko: '단계 목표', en: 'stage goals' },
  gpuRequest: { ko: '단계별 GPU 요청', en: 'GPU request per phase' },
  openSourcePlan: { ko: '오픈소스 계획', en: 'open-source plan' },
  attachments: { ko: '첨부 파일(PDF)', en: 'attachments (PDF)' },
};
