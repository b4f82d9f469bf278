import { z } from 'zod';
import { localizedText } from '../shared/localized.ts';
import { organisationType } from '../organisation/organisation-type.ts';
import { checkRegistrationNumber } from '../organisation/registration-number.ts';

// Kept here too: the program schema and older callers import the organisation types from this module.

/** An organisation a program excludes from every role (e.g. K-AI's selected teams for specialized-fm). */
export const excludedOrganisation = z.object({
  name: localizedText,
  aliases: z.array(z.string()).default([]),
  // a wrong number here would let the real organisation through, since numbers decide when both sides have one
  registrationNo: z
    .string()
    .refine((v) => checkRegistrationNumber(v).valid, 'not a valid business registration number (000-00-00000, checksum)')
    .optional(),
  reason: localizedText.optional(),
});

/** Declarative eligibility rules, set in a program's data; the engine in this folder reads them. */
export const eligibilityRule = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('allowedLeadTypes'), types: z.array(organisationType).min(1) }),
  z.object({ id: z.string(), kind: z.literal('allowedParticipantTypes'), types: z.array(organisationType).min(1) }),
  z.object({
    id: z.string(),
    kind: z.literal('requiredMemberType'),
    types: z.array(organisationType).min(1),
    min: z.number().int().min(1).default(1),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('excludedOrganisations'),
    list: z.string(),
    /** whom the list bars: only a consortium's lead (specialized-fm bars K-AI teams' lead institutions), or every member */
    scope: z.enum(['lead', 'all']).default('all'),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('domesticOnly'),
    country: z.string().length(2),
    foreignAllowedRoles: z.array(z.string()).default([]),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('consortiumSize'),
    min: z.number().int().min(1),
    max: z.number().int().min(1).optional(),
  }).refine((r) => r.max === undefined || r.max >= r.min, { message: 'max must not be below min', path: ['max'] }),
  z.object({ id: z.string(), kind: z.literal('maxApplicationsPerLead'), max: z.number().int().min(1) }),
]);
export type EligibilityRule = z.infer<typeof eligibilityRule>;

export const eligibilitySettings = z
  .object({
    rules: z.array(eligibilityRule),
    exclusionLists: z.record(z.string(), z.array(excludedOrganisation)).default({}),
    /** participants one consortium may list; longer lists are refused before they are read */
    maxParticipants: z.number().int().min(1).max(10_000).default(200),
  })
  .superRefine((settings, ctx) => {
    // a verdict names each rule by id, so two rules with one id could not be told apart
    settings.rules.forEach((r, i) => {
      if (settings.rules.findIndex((o) => o.id === r.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      }
    });
  });
export type EligibilitySettings = z.infer<typeof eligibilitySettings>;
