import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { sql } from 'drizzle-orm';
import { databaseNow } from '../../src/db/clock.ts';
import { api, CALL, completeProposal, createOrganisation, PROGRAM, readyApplication, signUp, university, type Api } from './support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let mallory: Api;
let operator: Api;
let org: Awaited<ReturnType<typeof createOrganisation>>;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@draft.test'));
  mallory = api(t.app, await signUp(t, 'mallory@draft.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  org = await createOrganisation(alice);
}, 300_000);
afterAll(() => t.dispose());

async function newDraft() {
  const res = await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id });
  expect(res.status).toBe(201);
  return res.body.application as { id: string; currentVersion: number; consortium: { lead: { name: string } } };
}

describe('drafts', () => {
  it('starts with the organisation as lead and keeps every save as a version', async () => {
    const draft = await newDraft();
    expect(draft.currentVersion).toBe(1);
    expect(draft.consortium.lead.name).toBe(org.nameKo);
    const s1 = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal: { title: '초안' } });
    const s2 = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: s1.body.version, proposal: { title: '초안 2', domain: 'legal' } });
    expect([s1.status, s2.status]).toEqual([200, 200]);
    const versions = await alice.get(`/api/v1/applications/${draft.id}/versions`);
    expect(versions.body.versions.map((v: { version: number; kind: string }) => `${v.version}:${v.kind}`)).toEqual(['1:draft', '2:draft', '3:draft']);
    const v2 = await alice.get(`/api/v1/applications/${draft.id}/versions/2`);
    expect(v2.body.content.proposal).toEqual({ title: '초안' });
    expect((await alice.get(`/api/v1/applications/${draft.id}`)).body.application.proposal).toEqual({ title: '초안 2', domain: 'legal' });
  });

  it('two editors at once: the second gets 409 with the current version, and its edit is kept to restore', async () => {
    const draft = await newDraft();
    const first = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal: { title: 'A의 제목', summary: 'A' } });
    expect(first.status).toBe(200);
    const second = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal: { title: 'B의 제목', summary: 'B' } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    expect(second.body.currentVersion).toBe(first.body.version);
    expect(second.body.current.proposal.title).toBe('A의 제목');
    const lost = await alice.get(`/api/v1/applications/${draft.id}/versions/${second.body.conflictedVersion}`);
    expect(lost.body).toMatchObject({ kind: 'conflicted', baseVersion: 1 });
    expect(lost.body.content.proposal.title).toBe('B의 제목');
    // the winner is still current; restoring the loser makes it the next version, so nothing was lost either way
    expect((await alice.get(`/api/v1/applications/${draft.id}`)).body.application.proposal.title).toBe('A의 제목');
    const restored = await alice.post(`/api/v1/applications/${draft.id}/versions/${second.body.conflictedVersion}/restore`, {
      baseVersion: first.body.version,
    });
    expect(restored.status).toBe(200);
    expect((await alice.get(`/api/v1/applications/${draft.id}`)).body.application.proposal.title).toBe('B의 제목');
    expect((await alice.get(`/api/v1/applications/${draft.id}/versions/${first.body.version}`)).body.content.proposal.title).toBe('A의 제목');
  });

  it('many concurrent saves on one base: exactly one wins, every other is kept as conflicted', async () => {
    const draft = await newDraft();
    const saves = await Promise.all(
      Array.from({ length: 8 }, (_, i) => alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal: { title: `편집 ${i}` } })),
    );
    expect(saves.filter((s) => s.status === 200)).toHaveLength(1);
    expect(saves.filter((s) => s.status === 409)).toHaveLength(7);
    const versions = (await alice.get(`/api/v1/applications/${draft.id}/versions`)).body.versions as { version: number; kind: string }[];
    expect(versions.filter((v) => v.kind === 'conflicted')).toHaveLength(7);
    const titles = await Promise.all(
      versions.slice(1).map(async (v) => (await alice.get(`/api/v1/applications/${draft.id}/versions/${v.version}`)).body.content.proposal.title),
    );
    expect(titles.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `편집 ${i}`).sort());
  });

  it('refuses wrong types and unknown fields with 422 naming them, and malformed JSON with 400', async () => {
    const draft = await newDraft();
    const bad = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      proposal: { title: 7, domain: 'astrology', gpuRequest: [{ phaseKey: 'phase-1', gpus: -1 }], colour: 'red' },
    });
    expect(bad.status).toBe(422);
    const fields = bad.body.error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['proposal.title', 'proposal.domain', 'proposal.gpuRequest.0.gpus', 'proposal.colour']));
    const notObject = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, consortium: 'everyone' });
    expect(notObject.body.error.field).toBe('consortium');
    const noBase = await alice.patch(`/api/v1/applications/${draft.id}`, { proposal: {} });
    expect(noBase.status).toBe(400);
    expect(noBase.body.error.field).toBe('body.baseVersion');
    const raw = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${draft.id}`,
      payload: '{"baseVersion": 1, "proposal": {',
      headers: { cookie: await signIn(t.app, 'applicant@demo.stagegate.kr'), 'content-type': 'application/json' },
    });
    expect(raw.statusCode).toBe(400);
    // nothing was stored by the refused saves
    expect((await alice.get(`/api/v1/applications/${draft.id}/versions`)).body.versions).toHaveLength(1);
  });

  it('an applicant cannot read or edit another organisation’s application; the office reads but cannot edit', async () => {
    const draft = await newDraft();
    expect((await mallory.get(`/api/v1/applications/${draft.id}`)).status).toBe(403);
    expect((await mallory.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal: { title: 'mine' } })).status).toBe(403);
    expect((await mallory.get(`/api/v1/applications/${draft.id}/versions`)).status).toBe(403);
    expect((await mallory.get('/api/v1/applications')).body.applications.map((a: { id: string }) => a.id)).not.toContain(draft.id);
    expect((await mallory.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id })).status).toBe(403);
    const read = await operator.get(`/api/v1/applications/${draft.id}`);
    expect(read.status).toBe(200);
    expect(read.body.permissions).toMatchObject({ edit: false, submit: false, reopen: false });
    expect((await operator.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal: completeProposal() })).status).toBe(403);
  });

  it('live eligibility: the verdict changes as the consortium of registry records changes', async () => {
    const uni = await university(alice);
    const check = (participants: unknown[], extra: Record<string, unknown> = {}) =>
      alice.post('/api/v1/eligibility/check', { program: PROGRAM, call: CALL, organisationId: org.id, consortium: { participants }, ...extra });
    const alone = await check([]);
    expect(alone.body.eligible).toBe(false);
    expect(alone.body.verdict.rules.find((r: { id: string }) => r.id === 'university-required').passed).toBe(false);
    const withUni = await check([uni]);
    expect(withUni.body.eligible).toBe(true);
    const typed = await check([{ name: '서울대학교', type: 'university', country: 'KR' }]);
    expect(typed.body.verdict).toBeNull();
    expect(typed.body.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['consortium.participants[0].name', 'consortium.participants[0].type', 'consortium.participants[0].organisationId']),
    );
    const unknown = await alice.post('/api/v1/eligibility/check', { program: 'nope', organisationId: org.id, consortium: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe('program');
    const draft = await newDraft();
    const live = await alice.get(`/api/v1/applications/${draft.id}/eligibility`);
    expect(live.body.eligible).toBe(false);
    const saved = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, consortium: { participants: [uni] } });
    expect(saved.status).toBe(200);
    expect((await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body.eligible).toBe(true);
  });
});

describe('issue 12 item 11: drafts keep the last few versions and have a size cap', () => {
  it('keeps the newest five autosaves and every submitted version, and the table stops growing', async () => {
    const ready = await readyApplication(alice, org, '보관 정책');
    let version = ready.version;
    const big = 'ㄱ'.repeat(19_000); // 57 KB of text in each of two fields per save
    const tableBytes = async () =>
      Number(
        ((await t.ctx.db.execute(sql`select pg_total_relation_size('application_versions')::bigint as b`)) as unknown as { rows: { b: string }[] }).rows[0]!.b,
      );
    let sizeAfter20 = 0;
    for (let i = 1; i <= 60; i++) {
      const s = await alice.patch(`/api/v1/applications/${ready.id}`, {
        baseVersion: version,
        proposal: { ...completeProposal('보관 정책'), summary: `${i} ${big}`, developmentGoals: big },
      });
      expect(s.status).toBe(200);
      version = s.body.version;
      if (i === 20) sizeAfter20 = await tableBytes();
    }
    // a further 40 saves (4.5 MB written) grow the table by less than two saves' worth
    expect(await tableBytes()).toBeLessThan(sizeAfter20 + 2 * 115_000);
    const now = await databaseNow(t.ctx.db);
    const window = {
      opens: new Date(now.getTime() - 3_600_000).toISOString(),
      closes: new Date(now.getTime() + 3_600_000).toISOString(),
      reason: 'test window',
    };
    expect((await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, window)).status).toBe(200);
    const submitted = await alice.post(`/api/v1/applications/${ready.id}/submit`, { version });
    expect(submitted.status).toBe(201);
    const reopened = await operator.post(`/api/v1/applications/${ready.id}/reopen`, { reason: '보완 요청' });
    expect(reopened.status).toBe(200);
    let current = (await alice.get(`/api/v1/applications/${ready.id}`)).body.application.currentVersion as number;
    for (let i = 0; i < 7; i++)
      current = (await alice.patch(`/api/v1/applications/${ready.id}`, { baseVersion: current, proposal: { title: `보완 ${i}` } })).body.version;
    const versions = (await alice.get(`/api/v1/applications/${ready.id}/versions`)).body.versions as { version: number; kind: string }[];
    expect(versions.filter((v) => v.kind === 'submitted').map((v) => v.version)).toEqual([submitted.body.receipt.version]);
    expect(versions.filter((v) => v.kind === 'draft').map((v) => v.version)).toEqual([current - 4, current - 3, current - 2, current - 1, current]);
    // the frozen submission is still readable in full
    expect((await alice.get(`/api/v1/applications/${ready.id}/versions/${submitted.body.receipt.version}`)).body.content.proposal.summary).toBe(`60 ${big}`);
  }, 300_000);

  it('refuses a draft over 1 MB with 422 naming its largest field, and stores nothing', async () => {
    const draft = await newDraft();
    // each field stays under the per-string cap of every request (200,000 characters); together, in
    // UTF-8 (3 bytes a Hangul syllable), they pass the draft's 1 MB
    const proposal = { title: '큰 초안', developmentGoals: '가'.repeat(195_000), summary: '나'.repeat(170_000) };
    const res = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, proposal });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([
      {
        field: 'proposal.developmentGoals',
        message: {
          ko: expect.stringContaining('최대 1024KB'),
          en: 'the draft is too large (1070 KB, at most 1024 KB); shorten this field or upload the text as an attachment',
        },
      },
    ]);
    expect((await alice.get(`/api/v1/applications/${draft.id}/versions`)).body.versions).toHaveLength(1);
  });
});
