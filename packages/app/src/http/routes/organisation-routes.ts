import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canOrganisation } from '../../policies/organisation-policy.ts';
import { addMember, answerInvitation, createOrganisation, getInvitation, getOrganisation, invitationsFor, listMembers, listOrganisations, membershipOf, removeMember, searchDirectory, updateOrganisation, verifyOrganisation, type OrganisationRow } from '../../organisations/organisation-store.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';

const idParam = z.object({ id: z.uuid() });
// fields are checked by the organisation rules (one message per field, ko/en), not by the route schema
const organisationBody = z.object({ nameKo: z.unknown(), nameEn: z.unknown(), type: z.unknown(), country: z.unknown(), registrationNo: z.unknown().optional(), evidence: z.unknown().optional() });

export function organisationJson(o: OrganisationRow) {
  return { id: o.id, nameKo: o.nameKo, nameEn: o.nameEn, type: o.type, country: o.country, registrationNo: o.registrationNo, evidence: o.evidence, verificationStatus: o.verificationStatus, verifiedAt: o.verifiedAt, revision: o.revision, createdAt: o.createdAt, updatedAt: o.updatedAt };
}

export const organisationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const signedInApplicantOrOperator = { authorize: (a: Parameters<typeof canOrganisation>[0]) => canOrganisation(a, 'list') };

  app.get('/api/v1/organisations', { config: signedInApplicantOrOperator, schema: { tags: ['organisations'], summary: 'My organisations (all of them for the program office)' } }, async (req) => {
    const rows = await listOrganisations(ctx.db, req.actor!);
    return { organisations: rows.map((o) => ({ ...organisationJson(o), myRole: o.myRole })) };
  });

  app.post(
    '/api/v1/organisations',
    { config: { authorize: (a) => canOrganisation(a, 'create') }, schema: { tags: ['organisations'], summary: 'Register an organisation; its creator becomes its admin', body: organisationBody } },
    async (req, reply) => {
      const res = await createOrganisation(ctx.db, req.actor!, req.body);
      if (res.status !== 'committed') throw invalid(res.status === 'invalid' ? res.issues : []);
      return reply.status(201).send({ organisation: organisationJson(res.organisation), myRole: 'admin' });
    },
  );

  app.get(
    '/api/v1/organisations/directory',
    {
      config: signedInApplicantOrOperator,
      schema: { tags: ['organisations'], summary: 'Registered organisations a consortium may list (name, type, country, verification), by name or registration number', querystring: z.object({ q: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) }) },
    },
    async (req) => ({ organisations: await searchDirectory(ctx.db, req.query.q, req.query.limit) }),
  );

  app.post(
    '/api/v1/organisations/:id/verification',
    {
      config: { authorize: (a) => canOrganisation(a, 'verify') },
      schema: {
        tags: ['organisations'],
        summary: 'The office verifies (or withdraws) an organisation’s declared type and registration number: preview, then commit with a reason (audited)',
        params: idParam,
        body: z.object({ verified: z.boolean(), reason: z.string().trim().min(1, 'a written reason is required').max(4000), expectedRevision: z.number().int().positive(), mode: z.enum(['preview', 'commit']) }),
      },
    },
    async (req) => {
      const res = await verifyOrganisation(ctx.db, req.actor!, req.params.id, req.body);
      if (res.status === 'not_found') throw notFound('organisation');
      if (res.status === 'conflict') {
        throw new ApiError(409, 'conflict', `the organisation changed meanwhile (revision ${res.currentRevision}); review its facts again`, 'expectedRevision', [
          { field: 'expectedRevision', message: { ko: `기관 정보가 그 사이에 바뀌었습니다 (현재 버전 ${res.currentRevision}). 다시 확인해 주세요`, en: `the organisation changed meanwhile (revision ${res.currentRevision}); review its facts again` } },
        ]);
      }
      const org = await getOrganisation(ctx.db, req.params.id);
      return { status: res.status, change: res.change, organisation: organisationJson(org!) };
    },
  );

  app.get('/api/v1/organisations/:id', { config: signedInApplicantOrOperator, schema: { tags: ['organisations'], summary: 'One organisation with its members', params: idParam } }, async (req) => {
    const org = await getOrganisation(ctx.db, req.params.id);
    if (!org) throw notFound('organisation');
    const membership = await membershipOf(ctx.db, org.id, req.actor!.id);
    if (!canOrganisation(req.actor, 'read', { membership })) throw forbidden();
    return { organisation: organisationJson(org), myRole: membership, members: await listMembers(ctx.db, org.id) };
  });

  app.patch(
    '/api/v1/organisations/:id',
    {
      config: signedInApplicantOrOperator,
      schema: { tags: ['organisations'], summary: 'Edit an organisation (admins; the office may correct)', params: idParam, body: organisationBody.partial().extend({ expectedRevision: z.number().int().positive() }) },
    },
    async (req) => {
      const org = await getOrganisation(ctx.db, req.params.id);
      if (!org) throw notFound('organisation');
      if (!canOrganisation(req.actor, 'update', { membership: await membershipOf(ctx.db, org.id, req.actor!.id) })) throw forbidden();
      const { expectedRevision, ...fields } = req.body;
      const res = await updateOrganisation(ctx.db, req.actor!, org.id, fields, expectedRevision);
      if (res.status === 'invalid') throw invalid(res.issues);
      if (res.status === 'conflict') throw new ApiError(409, 'conflict', res.message, 'expectedRevision');
      return { organisation: organisationJson(res.organisation) };
    },
  );

  app.post(
    '/api/v1/organisations/:id/members',
    {
      config: signedInApplicantOrOperator,
      schema: { tags: ['organisations'], summary: 'Add a member by e-mail (organisation admins)', params: idParam, body: z.object({ email: z.email(), role: z.enum(['admin', 'member']) }) },
    },
    async (req) => {
      const org = await getOrganisation(ctx.db, req.params.id);
      if (!org) throw notFound('organisation');
      if (!canOrganisation(req.actor, 'manageMembers', { membership: await membershipOf(ctx.db, org.id, req.actor!.id) })) throw forbidden();
      const res = await addMember(ctx.db, req.actor!, org.id, req.body.email, req.body.role);
      if (res.status === 'invalid') throw invalid(res.issues);
      return { members: await listMembers(ctx.db, org.id) };
    },
  );

  app.delete(
    '/api/v1/organisations/:id/members/:userId',
    { config: signedInApplicantOrOperator, schema: { tags: ['organisations'], summary: 'A member leaves, or an admin removes a member (audited)', params: idParam.extend({ userId: z.string().min(1).max(80) }) } },
    async (req) => {
      const org = await getOrganisation(ctx.db, req.params.id);
      if (!org) throw notFound('organisation');
      const membership = await membershipOf(ctx.db, org.id, req.actor!.id);
      if (!canOrganisation(req.actor, 'removeMember', { membership, self: req.params.userId === req.actor!.id })) throw forbidden();
      const res = await removeMember(ctx.db, req.actor!, org.id, req.params.userId);
      if (res.status === 'not_found') throw notFound('member');
      if (res.status === 'invalid') throw invalid(res.issues);
      return { members: await listMembers(ctx.db, org.id) };
    },
  );

  app.get('/api/v1/organisation-invitations', { config: signedInApplicantOrOperator, schema: { tags: ['organisations'], summary: 'Membership offers addressed to me' } }, async (req) => ({
    invitations: await invitationsFor(ctx.db, req.actor!.id),
  }));

  app.post(
    '/api/v1/organisation-invitations/:id/response',
    { config: { authorize: (a) => canOrganisation(a, 'acceptInvitation', { membership: null, invitee: true }) }, schema: { tags: ['organisations'], summary: 'Accept or decline a membership offer addressed to me, signed in', params: idParam, body: z.object({ accept: z.boolean() }) } },
    async (req) => {
      const invitation = await getInvitation(ctx.db, req.params.id);
      if (!invitation) throw notFound('invitation');
      if (!canOrganisation(req.actor, 'acceptInvitation', { membership: null, invitee: invitation.userId === req.actor!.id })) throw forbidden();
      await answerInvitation(ctx.db, req.actor!, invitation, req.body.accept);
      return { invitations: await invitationsFor(ctx.db, req.actor!.id) };
    },
  );
};
