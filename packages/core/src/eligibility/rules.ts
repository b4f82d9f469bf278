import { z } from 'zod';
import { localizedText } from '../shared/localized.ts';

export const organisationTypes = [
  'large_enterprise',
  'midsize_enterprise',
  'sme',
  'startup',
  'university',
  'research_institute',
  'public_institution',
] as const;
export const organisationType = z.enum(organisationTypes);
export type OrganisationType = z.infer<typeof organisationType>;

/** An organisation a program excludes from every role (e.g. K-AI's selected teams for specialized-fm). */
export const excludedOrganisation = z.object({
  name: localizedText,
  aliases: z.array(z.string()).default([]),
  registrationNo: z.string().optional(),
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
  z.object({ id: z.string(), kind: z.literal('excludedOrganisations'), list: z.string() }),
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
  }),
  z.object({ id: z.string(), kind: z.literal('maxApplicationsPerLead'), max: z.number().int().min(1) }),
]);
export type EligibilityRule = z.infer<typeof eligibilityRule>;

export const eligibilitySettings = z.object({
  rules: z.array(eligibilityRule),
  exclusionLists: z.record(z.string(), z.array(excludedOrganisation)).default({}),
});
export type EligibilitySettings = z.infer<typeof eligibilitySettings>;
