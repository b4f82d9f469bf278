import { z } from 'zod';
import { organisationType } from '../organisation/organisation-type.ts';
import { route, uuidParam } from './route.ts';
import { writtenReason } from './calls.ts';

const memberRole = z.enum(['admin', 'member']);
const verificationStatus = z.enum(['unverified', 'verified']);

/** An organisation record of the registry. */
export const organisation = z.object({
  id: z.string(),
  nameKo: z.string(),
  nameEn: z.string(),
  type: organisationType,
  country: z.string(),
  registrationNo: z.string().nullable(),
  /** what the organisation gave as evidence for its type and number */
  evidence: z.string().nullable(),
  verificationStatus,
  verifiedAt: z.date().nullable(),
  revision: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const organisationMember = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: memberRole });

const invitations = z.object({
  invitations: z.array(z.object({ id: z.string(), organisationId: z.string(), nameKo: z.string(), nameEn: z.string(), role: memberRole, createdAt: z.date() })),
});

const members = z.object({ members: z.array(organisationMember) });
const mode = z.enum(['preview', 'commit']);

/** An offer of membership not yet answered, as the organisation's admins see it. */
// by address only: the name of an account is not the business of an organisation it has not joined
const pendingOffer = z.object({ email: z.string(), role: memberRole, createdAt: z.date() });

/**
 * What adding a member by e-mail does: `offer` waits for the person to accept; `role` changes the
 * role of someone already a member; `unchanged` when they already hold that role or that offer.
 * `name` only for a member: an admin must not learn who is behind an address that has not joined.
 */
const memberOffer = z.object({
  email: z.string(),
  name: z.string().nullable(),
  change: z.enum(['offer', 'role', 'unchanged']),
  currentRole: memberRole.nullable(),
  role: memberRole,
});

/** What answering an offer does: accepting makes the account a member with the offered role. */
const invitationAnswer = z.object({
  organisation: z.object({ id: z.string(), name: z.object({ ko: z.string(), en: z.string() }) }),
  role: memberRole,
  accept: z.boolean(),
});

// fields are checked by the organisation rules (one message per field, ko/en), not by the route schema
const organisationBody = z.object({
  nameKo: z.unknown(),
  nameEn: z.unknown(),
  type: z.unknown(),
  country: z.unknown(),
  registrationNo: z.unknown().optional(),
  evidence: z.unknown().optional(),
});

/** Organisations (the registry), their members, membership offers and the office's verification. */
export const organisationsContract = {
  list: route('GET', '/api/v1/organisations', {
    response: { 200: z.object({ organisations: z.array(organisation.extend({ myRole: memberRole.nullable() })) }) },
  }),
  create: route('POST', '/api/v1/organisations', {
    body: organisationBody,
    response: { 201: z.object({ organisation, myRole: z.literal('admin') }) },
  }),
  directory: route('GET', '/api/v1/organisations/directory', {
    querystring: z.object({ q: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) }),
    response: {
      200: z.object({
        organisations: z.array(
          z.object({
            id: z.string(),
            nameKo: z.string(),
            nameEn: z.string(),
            type: organisationType,
            country: z.string(),
            verificationStatus,
            verified: z.boolean(),
          }),
        ),
      }),
    },
  }),
  verify: route('POST', '/api/v1/organisations/:id/verification', {
    params: uuidParam,
    body: z.object({ verified: z.boolean(), reason: writtenReason, expectedRevision: z.number().int().positive(), mode: z.enum(['preview', 'commit']) }),
    response: {
      200: z.object({
        status: z.enum(['unchanged', 'preview', 'committed']),
        change: z.object({
          organisation: organisation.pick({ id: true, nameKo: true, nameEn: true, type: true, country: true, registrationNo: true, evidence: true }),
          before: verificationStatus,
          after: verificationStatus,
          /** applications (drafts and submitted) that list the organisation, as lead or participant */
          applications: z.number().int(),
        }),
        organisation,
      }),
    },
  }),
  get: route('GET', '/api/v1/organisations/:id', {
    params: uuidParam,
    response: {
      200: z.object({ organisation, myRole: memberRole.nullable(), members: z.array(organisationMember), offers: z.array(pendingOffer) }),
    },
  }),
  update: route('PATCH', '/api/v1/organisations/:id', {
    params: uuidParam,
    body: organisationBody.partial().extend({ expectedRevision: z.number().int().positive() }),
    response: { 200: z.object({ organisation }) },
  }),
  addMember: route('POST', '/api/v1/organisations/:id/members', {
    params: uuidParam,
    // `mode` defaults to commit for callers written before the preview existed
    body: z.object({ email: z.email(), role: memberRole, mode: mode.default('commit') }),
    response: { 200: members.extend({ mode, offer: memberOffer }) },
  }),
  removeMember: route('DELETE', '/api/v1/organisations/:id/members/:userId', {
    params: uuidParam.extend({ userId: z.string().min(1).max(80) }),
    response: { 200: members },
  }),
  invitations: route('GET', '/api/v1/organisation-invitations', {
    response: { 200: invitations },
  }),
  answerInvitation: route('POST', '/api/v1/organisation-invitations/:id/response', {
    params: uuidParam,
    body: z.object({ accept: z.boolean(), mode: mode.default('commit') }),
    response: { 200: invitations.extend({ mode, answer: invitationAnswer }) },
  }),
};
