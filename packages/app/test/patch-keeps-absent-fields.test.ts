import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { allocations, applications, organisations, reviewerPool } from '../src/db/schema/index.ts';
import { createTestServer, signIn } from './support/test-context.ts';
import { loadOwnershipFixtures, type OwnershipFixtures } from './support/ownership-fixtures.ts';

// Issue 12 item 7: a PATCH changes only the fields it carries; one test per PATCH route.
let t: Awaited<ReturnType<typeof createTestServer>>;
let f: OwnershipFixtures;
const cookie: Record<string, string> = {};
const patch = (who: string, url: string, payload: object) => t.app.inject({ method: 'PATCH', url, payload, headers: { cookie: cookie[who]! } });

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'applicant', 'reviewer']) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  f = await loadOwnershipFixtures(t.ctx);
}, 300_000);
afterAll(() => t.dispose());

describe('issue 12 item 7: a PATCH leaves absent fields as they were', () => {
  it('PATCH /api/v1/review/reviewers/:id with only affiliations keeps domains, keywords and profile', async () => {
    const [before] = await t.ctx.db.select().from(reviewerPool).where(eq(reviewerPool.id, f.ownReviewer));
    expect(before!.domains.length).toBeGreaterThan(0);
    const affiliations = [...before!.affiliations, { organisationName: '새연구소', fromYear: 2025, toYear: null }];
    const res = await patch('reviewer', `/api/v1/review/reviewers/${f.ownReviewer}`, { affiliations });
    expect(res.statusCode).toBe(200);
    const [after] = await t.ctx.db.select().from(reviewerPool).where(eq(reviewerPool.id, f.ownReviewer));
    expect(after!.affiliations).toEqual(affiliations);
    expect({ domains: after!.domains, keywords: after!.keywords, profile: after!.profile, maxLoad: after!.maxLoad }).toEqual({
      domains: before!.domains,
      keywords: before!.keywords,
      profile: before!.profile,
      maxLoad: before!.maxLoad,
    });
  });

  it('PATCH /api/v1/organisations/:id with only nameEn keeps the Korean name, type, country and registration number', async () => {
    const [before] = await t.ctx.db.select().from(organisations).where(eq(organisations.id, f.ownOrganisation));
    const res = await patch('applicant', `/api/v1/organisations/${f.ownOrganisation}`, { nameEn: 'Ganada AI Inc.', expectedRevision: before!.revision });
    expect(res.statusCode).toBe(200);
    const [after] = await t.ctx.db.select().from(organisations).where(eq(organisations.id, f.ownOrganisation));
    expect(after!.nameEn).toBe('Ganada AI Inc.');
    expect({ nameKo: after!.nameKo, type: after!.type, country: after!.country, registrationNo: after!.registrationNo }).toEqual({
      nameKo: before!.nameKo,
      type: before!.type,
      country: before!.country,
      registrationNo: before!.registrationNo,
    });
  });

  it('PATCH /api/v1/applications/:id with only the proposal keeps the consortium', async () => {
    const [before] = await t.ctx.db.select().from(applications).where(eq(applications.id, f.ownApplication));
    const proposal = { ...before!.proposal, title: '고친 제목' };
    const res = await patch('applicant', `/api/v1/applications/${f.ownApplication}`, { baseVersion: before!.currentVersion, proposal });
    expect(res.statusCode, res.body).toBe(200);
    const [after] = await t.ctx.db.select().from(applications).where(eq(applications.id, f.ownApplication));
    expect(after!.proposal.title).toBe('고친 제목');
    expect(after!.consortium).toEqual(before!.consortium);
  });

  it('PATCH /api/v1/allocations/:id with only the end date keeps the GPUs, budget and start', async () => {
    const [before] = (await t.ctx.db.select().from(allocations)).filter((a) => a.endDate > a.startDate);
    const d = new Date(`${before!.endDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    const end = d.toISOString().slice(0, 10);
    const res = await patch('operator', `/api/v1/allocations/${before!.id}`, { mode: 'commit', reason: 'issue 12 item 7', end });
    expect(res.statusCode, res.body).toBe(200);
    const [after] = await t.ctx.db.select().from(allocations).where(eq(allocations.id, before!.id));
    expect(after!.endDate).toBe(end);
    expect({ gpus: after!.gpus, gpuMinutes: after!.gpuMinutes, startDate: after!.startDate }).toEqual({
      gpus: before!.gpus,
      gpuMinutes: before!.gpuMinutes,
      startDate: before!.startDate,
    });
  });
});
