import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canOrganisation } from '../../policies/organisation-policy.ts';
import {
  createOrganisation,
  getOrganisation,
  listMembers,
  listOrganisations,
  membershipOf,
  removeMember,
  searchDirectory,
  updateOrganisation,
  verifyOrganisation,
  type OrganisationRow,
} from '../../organisations/organisation-store.ts';
import { answerInvitation, getInvitation, invitationsFor, offerMembership, pendingOffers } from '../../organisations/membership-offers.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import { organisationsContract as c } from '@stagegate/core/contract/organisations';

export function organisationJson(o: OrganisationRow) {
  return {
    id: o.id,
    nameKo: o.nameKo,
    nameEn: o.nameEn,
    type: o.type,
    country: o.country,
    registrationNo: o.registrationNo,
    evidence: o.evidence,
    verificationStatus: o.verificationStatus,
    verifiedAt: o.verifiedAt,
    revision: o.revision,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export const organisationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const signedInApplicantOrOperator = { authorize: (a: Parameters<typeof canOrganisation>[0]) => canOrganisation(a, 'list') };

    app.get(
      c.list.path,
      {
        config: signedInApplicantOrOperator,
        schema: { ...c.list.schema, tags: ['organisations'], summary: 'My organisations (all of them for the program office)' },
      },
      async (req) => {
        const rows = await listOrganisations(ctx.db, req.actor!);
        return { organisations: rows.map((o) => ({ ...organisationJson(o), myRole: o.myRole })) };
      },
    );

    app.post(
      c.create.path,
      {
        config: { authorize: (a) => canOrganisation(a, 'create') },
        schema: { ...c.create.schema, tags: ['organisations'], summary: 'Register an organisation; its creator becomes its admin' },
      },
      async (req, reply) => {
        const res = await createOrganisation(ctx.db, req.actor!, req.body);
        if (res.status !== 'committed') throw invalid(res.status === 'invalid' ? res.issues : []);
        return reply.status(201).send({ organisation: organisationJson(res.organisation), myRole: 'admin' as const });
      },
    );

    app.get(
      c.directory.path,
      {
        config: signedInApplicantOrOperator,
        schema: {
          ...c.directory.schema,
          tags: ['organisations'],
          summary: 'Registered organisations a consortium may list (name, type, country, verification), by name or registration number',
        },
      },
      async (req) => ({ organisations: await searchDirectory(ctx.db, req.query.q, req.query.limit) }),
    );

    app.post(
      c.verify.path,
      {
        config: { authorize: (a) => canOrganisation(a, 'verify') },
        schema: {
          ...c.verify.schema,
          tags: ['organisations'],
          summary: 'The office verifies (or withdraws) an organisation’s declared type and registration number: preview, then commit with a reason (audited)',
        },
      },
      async (req) => {
        const res = await verifyOrganisation(ctx.db, req.actor!, req.params.id, req.body);
        if (res.status === 'not_found') throw notFound('organisation');
        if (res.status === 'conflict') {
          throw new ApiError(
            409,
            'conflict',
            `the organisation changed meanwhile (revision ${res.currentRevision}); review its facts again`,
            'expectedRevision',
            [
              {
                field: 'expectedRevision',
                message: {
                  ko: `기관 정보가 그 사이에 바뀌었습니다 (현재 버전 ${res.currentRevision}). 다시 확인해 주세요`,
                  en: `the organisation changed meanwhile (revision ${res.currentRevision}); review its facts again`,
                },
              },
            ],
          );
        }
        const org = await getOrganisation(ctx.db, req.params.id);
        return { status: res.status, change: res.change, organisation: organisationJson(org!) };
      },
    );

    app.get(
      c.get.path,
      { config: signedInApplicantOrOperator, schema: { ...c.get.schema, tags: ['organisations'], summary: 'One organisation with its members' } },
      async (req) => {
        const org = await getOrganisation(ctx.db, req.params.id);
        if (!org) throw notFound('organisation');
        const membership = await membershipOf(ctx.db, org.id, req.actor!.id);
        if (!canOrganisation(req.actor, 'read', { membership })) throw forbidden();
        // who has an offer not yet answered is the business of those who make offers
        const offers = canOrganisation(req.actor, 'manageMembers', { membership }) ? await pendingOffers(ctx.db, org.id) : [];
        return { organisation: organisationJson(org), myRole: membership, members: await listMembers(ctx.db, org.id), offers };
      },
    );

    app.patch(
      c.update.path,
      {
        config: signedInApplicantOrOperator,
        schema: { ...c.update.schema, tags: ['organisations'], summary: 'Edit an organisation (admins; the office may correct)' },
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
      c.addMember.path,
      {
        config: signedInApplicantOrOperator,
        schema: {
          ...c.addMember.schema,
          tags: ['organisations'],
          summary: "Offer membership by e-mail, or change a member's role (organisation admins), previewed then committed",
        },
      },
      async (req) => {
        const org = await getOrganisation(ctx.db, req.params.id);
        if (!org) throw notFound('organisation');
        if (!canOrganisation(req.actor, 'manageMembers', { membership: await membershipOf(ctx.db, org.id, req.actor!.id) })) throw forbidden();
        const res = await offerMembership(ctx.db, req.actor!, org.id, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        return { mode: req.body.mode, offer: res.offer, members: await listMembers(ctx.db, org.id) };
      },
    );

    app.delete(
      c.removeMember.path,
      {
        config: signedInApplicantOrOperator,
        schema: { ...c.removeMember.schema, tags: ['organisations'], summary: 'A member leaves, or an admin removes a member (audited)' },
      },
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

    app.get(
      c.invitations.path,
      { config: signedInApplicantOrOperator, schema: { ...c.invitations.schema, tags: ['organisations'], summary: 'Membership offers addressed to me' } },
      async (req) => ({
        invitations: await invitationsFor(ctx.db, req.actor!.id),
      }),
    );

    app.post(
      c.answerInvitation.path,
      {
        config: { authorize: (a) => canOrganisation(a, 'acceptInvitation', { membership: null, invitee: true }) },
        schema: {
          ...c.answerInvitation.schema,
          tags: ['organisations'],
          summary: 'Accept or decline a membership offer addressed to me, signed in, previewed then committed',
        },
      },
      async (req) => {
        const invitation = await getInvitation(ctx.db, req.params.id);
        if (!invitation) throw notFound('invitation');
        if (!canOrganisation(req.actor, 'acceptInvitation', { membership: null, invitee: invitation.userId === req.actor!.id })) throw forbidden();
        const answer = await answerInvitation(ctx.db, req.actor!, invitation, req.body.accept, req.body.mode);
        if (!answer) throw notFound('invitation');
        return { mode: req.body.mode, answer, invitations: await invitationsFor(ctx.db, req.actor!.id) };
      },
    );
  };
