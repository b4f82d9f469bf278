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
  /**
   * The organisation's part in the team that put it on the list (a K-AI team's lead institution, or
   * a participating company or university), read against the rule's `teamScope`.
   */
  teamRole: z.enum(['lead', 'member']).default('lead'),
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
    /**
     * which listed organisations are barred: only the teams' lead institutions (specialized-fm, as
     * reported: K-AI teams' participating companies and universities may apply), or every listed member
     */
    teamScope: z.enum(['leads', 'all']).default('all'),
    /** why the program bars them, shown in every verdict of this rule */
    reason: localizedText.optional(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('domesticOnly'),
    country: z.string().length(2),
    foreignAllowedRoles: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case role such as global_service')).default([]),
    /** a foreign participant must also state its purpose in the task (what global service it develops) */
    purposeRequired: z.boolean().default(false),
    /** why the program limits foreign members, shown in every verdict of this rule */
    reason: localizedText.optional(),
  }),
  z
    .object({
      id: z.string(),
      kind: z.literal('consortiumSize'),
      min: z.number().int().min(1),
      max: z.number().int().min(1).optional(),
    })
    .refine((r) => r.max === undefined || r.max >= r.min, { message: 'max must not be below min', path: ['max'] }),
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
