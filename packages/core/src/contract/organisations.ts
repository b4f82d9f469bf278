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
    response: { 200: z.object({ organisation, myRole: memberRole.nullable(), members: z.array(organisationMember) }) },
  }),
  update: route('PATCH', '/api/v1/organisations/:id', {
    params: uuidParam,
    body: organisationBody.partial().extend({ expectedRevision: z.number().int().positive() }),
    response: { 200: z.object({ organisation }) },
  }),
  addMember: route('POST', '/api/v1/organisations/:id/members', {
    params: uuidParam,
    body: z.object({ email: z.email(), role: memberRole }),
    response: { 200: members },
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
    body: z.object({ accept: z.boolean() }),
    response: { 200: invitations },
  }),
};
