import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, tasks } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';
import { api, CALL, completeProposal, createOrganisation, PROGRAM, signUp, type Api } from '../applications/support.ts';

// issue 16 item 2: a proposal declares its openness tier and budget; the registry's releases are held against it
let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: Api, applicant: Api;

beforeAll(async () => {
  t = await createTestServer();
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  applicant = api(t.app, await signUp(t, `openness-${process.pid}@example.kr`));
});
afterAll(() => t?.dispose());

type Row = {
  taskKey: string;
  declaration: { opennessTier: string; budgetWon: number; teamShareWon: number };
  flag: null | { reachedTier: string | null; differenceWon: number; message: { ko: string; en: string } };
};
const openness = async () => {
  const res = await operator.get(`/api/v1/open-source/openness?program=${PROGRAM}`);
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body.tasks as Row[]).map((r) => [r.taskKey, r]));
};

describe('cost share by openness', () => {
  it('a proposal may declare only one of the program’s tiers and a whole budget in won, each refusal naming its field', async () => {
    const org = await createOrganisation(applicant);
    const draft = (proposal: object) => applicant.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id, proposal });
    const unknown = await draft({ ...completeProposal(), opennessTier: 'everything-open', budgetWon: 1_000_000_000 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe('proposal.opennessTier');
    expect(unknown.body.error.issues[0].message.ko).toContain('가중치 공개, 가중치·코드 공개');
    const fractional = await draft({ ...completeProposal(), opennessTier: 'weights', budgetWon: 1_000.5 });
    expect(fractional.status).toBe(422);
    expect(fractional.body.error.field).toBe('proposal.budgetWon');
    const tooLarge = await draft({ ...completeProposal(), opennessTier: 'weights', budgetWon: 20_000_000_000_000 });
    expect(tooLarge.body.error.field).toBe('proposal.budgetWon');
    const ok = await draft({ ...completeProposal(), opennessTier: 'weights-code', budgetWon: 9_000_000_000 });
    expect(ok.status).toBe(201);
    expect(ok.body.application.proposal).toMatchObject({ opennessTier: 'weights-code', budgetWon: 9_000_000_000 });
    // the call tells the form the tiers and their shares (30 / 20 / 10 %, assumed in the seed)
    const call = await applicant.get(`/api/v1/calls/${PROGRAM}/${CALL}`);
    expect(call.body.call.costShare.tiers.map((x: { teamSharePercent: number }) => x.teamSharePercent)).toEqual([30, 20, 10]);
  });

  it('the demo: sfm-01 declared weights, code and data but released weights and code only — flagged with the difference in won', async () => {
    const rows = await openness();
    expect(rows['sfm-01']!.declaration).toMatchObject({ opennessTier: 'weights-code-data-osi', budgetWon: 12_000_000_000, teamShareWon: 1_200_000_000 });
    expect(rows['sfm-01']!.flag).toMatchObject({ reachedTier: 'weights-code', differenceWon: 1_200_000_000 });
    expect(rows['sfm-01']!.flag!.message.ko).toContain('차액 1,200,000,000원');
    // nothing released yet is no flag
    expect(rows['sfm-02']!.flag).toBeNull();
  });

  it('a release below the declared tier recorded in the registry raises the flag; a release at the tier clears it', async () => {
    const [sfm02] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-02'));
    const release = (over: object) =>
      operator.post('/api/v1/open-source/releases', {
        taskId: sfm02!.id,
        modelName: 'legal-8b',
        url: 'https://huggingface.co/demo/legal-8b',
        licence: 'Apache-2.0',
        releasedOn: '2026-07-01',
        ...over,
      });
    expect((await release({ weights: true, code: false })).status).toBe(201);
    const flagged = (await openness())['sfm-02']!;
    // declared weights and code (20 % of 8,000,000,000 won); weights only is 30 %: 800,000,000 won more
    expect(flagged.flag).toMatchObject({ reachedTier: 'weights', differenceWon: 800_000_000 });
    expect(flagged.flag!.message.en).toBe(
      "declared 'Weights and code' but released only at 'Weights only': own share 1,600,000,000 won → 2,400,000,000 won, a difference of 800,000,000 won",
    );
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'open-source.release'));
    expect(audit.some((a) => (a.after as { code?: boolean }).code === false)).toBe(true);
    expect((await release({ modelName: 'legal-8b-code', code: true })).status).toBe(201);
    expect((await openness())['sfm-02']!.flag).toBeNull();
  });

  it('the office edits the shares through the program editor, which refuses a larger share for a more open tier, naming the field', async () => {
    const got = await operator.get(`/api/v1/programs/${PROGRAM}`);
    const { definition, revision } = got.body;
    definition.costShare.tiers[1].teamSharePercent = 35;
    const bad = await operator.put(`/api/v1/programs/${PROGRAM}`, { definition, expectedRevision: revision, mode: 'preview' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('costShare.tiers.1.teamSharePercent');
    definition.costShare.tiers[1].teamSharePercent = 25;
    const ok = await operator.put(`/api/v1/programs/${PROGRAM}`, { definition, expectedRevision: revision, mode: 'preview' });
    expect(ok.status).toBe(200);
    expect(ok.body.changes.map((c: { field: string }) => c.field)).toEqual(['costShare.tiers.1.teamSharePercent']);
  });

  it('only the office sees the declarations and flags', async () => {
    expect((await applicant.get(`/api/v1/open-source/openness?program=${PROGRAM}`)).status).toBe(403);
    expect((await operator.get('/api/v1/open-source/openness?program=no-such')).status).toBe(404);
    // without a program: every program with openness tiers (K-AI has none)
    const all = await operator.get('/api/v1/open-source/openness');
    expect(all.body.tasks.map((x: { program: string; taskKey: string }) => `${x.program}/${x.taskKey}`)).toEqual([
      'specialized-fm/sfm-01',
      'specialized-fm/sfm-02',
    ]);
  });
});
