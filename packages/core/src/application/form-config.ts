import { z } from 'zod';
import { proposalFields, type ProposalField } from './proposal.ts';

export const fieldRequirement = z.enum(['required', 'optional', 'hidden']);
export type FieldRequirement = z.infer<typeof fieldRequirement>;

/** How a call's proposal form is set up: each field required, optional or hidden, and the upload limit. */
export const callFormConfig = z.object({
  fields: z.record(z.enum(proposalFields), fieldRequirement),
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024),
  /** reviewers do not see who applied */
  blindReview: z.boolean(),
});
export type CallFormConfig = z.infer<typeof callFormConfig>;

/** What a call asks for when its office has not configured anything: everything but the attachments is required. */
export const defaultFormConfig: CallFormConfig = {
  fields: {
    title: 'required',
    domain: 'required',
    summary: 'required',
    developmentGoals: 'required',
    stageGoals: 'required',
    gpuRequest: 'required',
    openSourcePlan: 'required',
    attachments: 'optional',
  },
  maxAttachmentBytes: 20 * 1024 * 1024,
  blindReview: false,
};

export function requirementOf(config: CallFormConfig, field: ProposalField): FieldRequirement {
  return config.fields[field] ?? defaultFormConfig.fields[field];
}

/** What a call stores: only what its office changed from the defaults. */
export interface FormConfigPatch {
  fields?: Partial<Record<ProposalField, FieldRequirement>>;
  maxAttachmentBytes?: number;
  blindReview?: boolean;
}

/** A stored, possibly partial configuration completed with the defaults. */
export function withFormDefaults(partial: FormConfigPatch | null | undefined): CallFormConfig {
  return {
    fields: { ...defaultFormConfig.fields, ...(partial?.fields ?? {}) },
    maxAttachmentBytes: partial?.maxAttachmentBytes ?? defaultFormConfig.maxAttachmentBytes,
    blindReview: partial?.blindReview ?? defaultFormConfig.blindReview,
  };
}
