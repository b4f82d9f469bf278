import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { taskMembers, tasks, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string, applicant: string;
let own: string, foreign: string;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
  const [a] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  const mine = new Set((await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, a!.id))).map((m) => m.taskId));
  const sfm = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'specialized-fm'));
  own = sfm.find((x) => mine.has(x.id))!.id;
  foreign = sfm.find((x) => !mine.has(x.id))!.id;
});
afterAll(() => t?.dispose());

const call = (cookie: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });

describe('open-source registry', () => {
  it('is public and shows each release with its licence check', async () => {
    const res = await call(undefined, 'GET', '/api/v1/open-source/releases');
    expect(res.statusCode).toBe(200);
    const byLicence = Object.fromEntries(res.json().releases.map((r: { licence: string; check: { verdict: string } }) => [r.licence, r.check.verdict]));
    expect(byLicence).toMatchObject({ 'Apache-2.0': 'pass', MIT: 'pass', 'LicenseRef-Llama-3.1-Community': 'fail' });
  });

  it('a team records its release; a non-OSI licence is recorded and shown failing, with the reason', async () => {
    const res = await call(applicant, 'POST', '/api/v1/open-source/releases', {
      taskId: own,
      modelName: 'med-13b',
      url: 'https://huggingface.co/demo/med-13b',
      licence: 'CC-BY-NC-4.0',
      releasedOn: '2026-06-01',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().release.check).toMatchObject({ verdict: 'fail', osiApproved: false, required: true });
    expect(res.json().release.check.message.ko).toContain('비영리');
    const listed = (await call(undefined, 'GET', '/api/v1/open-source/releases?program=specialized-fm')).json().releases;
    expect(listed.find((r: { modelName: string }) => r.modelName === 'med-13b').check.verdict).toBe('fail');
  });

  it('refuses a licence that is not an SPDX expression, naming the field', async () => {
    const res = await call(applicant, 'POST', '/api/v1/open-source/releases', {
      taskId: own,
      modelName: 'x',
      url: 'https://example.org/x',
      licence: 'Apache 2.0 license!',
      releasedOn: '2026-06-01',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('licence');
  });

  it("lets only the task's members (or the office) record its releases", async () => {
    const body = { taskId: foreign, modelName: 'y', url: 'https://example.org/y', licence: 'MIT', releasedOn: '2026-06-01' };
    expect((await call(applicant, 'POST', '/api/v1/open-source/releases', body)).statusCode).toBe(403);
    expect((await call(undefined, 'POST', '/api/v1/open-source/releases', body)).statusCode).toBe(401);
    expect((await call(operator, 'POST', '/api/v1/open-source/releases', body)).statusCode).toBe(201);
  });

  it('when a program does not require open source, a non-OSI licence is reported but not failed', async () => {
    expect((await call(operator, 'PUT', '/api/v1/open-source/policies/specialized-fm', { requiresOpenSource: false, reason: 'test' })).json().status).toBe(
      'committed',
    );
    const listed = (await call(undefined, 'GET', '/api/v1/open-source/releases?program=specialized-fm')).json().releases;
    expect(listed.find((r: { modelName: string }) => r.modelName === 'med-13b').check).toMatchObject({ verdict: 'notRequired', osiApproved: false });
    const check = (await call(undefined, 'GET', '/api/v1/open-source/licence-check?licence=MIT%20OR%20Llama-2')).json().check;
    expect(check.verdict).toBe('pass');
  });
});
