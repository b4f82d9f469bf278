import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, organisationMembers, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';
import { loadOwnershipFixtures } from '../support/ownership-fixtures.ts';

// Issue 20 item 8: the office reads every application but writes none, even as a member of the
// applicant organisation (a staff member who also belongs to a consortium partner).
let t: Awaited<ReturnType<typeof createTestServer>>;
let cookie = '';
let appId = '';

beforeAll(async () => {
  t = await createTestServer();
  const f = await loadOwnershipFixtures(t.ctx);
  appId = f.ownApplication;
  const [op] = await t.ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
  await t.ctx.db.insert(organisationMembers).values({ organisationId: f.ownOrganisation, userId: op!.id, role: 'admin' });
  cookie = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

describe('issue 20 item 8: an operator who is also a member of an organisation', () => {
  it('cannot edit, submit or withdraw its applications, and is told so on the page', async () => {
    const [before] = await t.ctx.db.select().from(applications).where(eq(applications.id, appId));
    const req = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
    const page = await req('GET', `/api/v1/applications/${appId}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().permissions).toMatchObject({ edit: false, submit: false, withdraw: false });
    const edit = await req('PATCH', `/api/v1/applications/${appId}`, { baseVersion: before!.currentVersion, proposal: { title: '운영자가 고친 제목' } });
    expect(edit.statusCode).toBe(403);
    expect((await req('POST', `/api/v1/applications/${appId}/submit`, { version: before!.currentVersion })).statusCode).toBe(403);
    expect((await req('POST', `/api/v1/applications/${appId}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
    expect((await req('POST', `/api/v1/applications/${appId}/versions/1/restore`, { baseVersion: before!.currentVersion })).statusCode).toBe(403);
    const [after] = await t.ctx.db.select().from(applications).where(eq(applications.id, appId));
    expect(after!.proposal).toEqual(before!.proposal);
    expect(after!.status).toBe(before!.status);
    expect(after!.currentVersion).toBe(before!.currentVersion);
  });
});
