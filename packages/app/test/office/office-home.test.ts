import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seoulDay } from '@stagegate/core/shared/seoul-time';
import { createTestServer, signIn } from '../support/test-context.ts';
import { jobs, organisations } from '../../src/db/schema/index.ts';
import { databaseNow } from '../../src/db/clock.ts';
import { api, CALL, createOrganisation, PROGRAM, signUp, type Api } from '../applications/support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@office-home.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
}, 120_000);
afterAll(() => t.dispose());

interface Group {
  kind: string;
  total: number;
  items: { id: string; label: { ko: string; en: string }; since: string; link: string }[];
}
const home = async () =>
  (await operator.get('/api/v1/office/home')).body as {
    waiting: Group[];
    calendar: {
      today: string;
      entries: { program: string; kind: string; start: string; end: string; closesAt: string | null; when: string }[];
      deadlines: unknown[];
    };
  };
const group = (waiting: Group[], kind: string) => waiting.find((g) => g.kind === kind)!;

describe('issue 15 item 2: the office desk', () => {
  it('is the office’s alone', async () => {
    expect((await alice.get('/api/v1/office/home')).status).toBe(403);
    expect((await operator.get('/api/v1/office/home')).status).toBe(200);
  });

  it('shows the demo’s pending supplement for sfm-01 with a link to the allocations page', async () => {
    const supplements = group((await home()).waiting, 'supplements');
    expect(supplements.total).toBeGreaterThanOrEqual(1);
    expect(supplements.items.map((i) => i.label.ko)).toContain('sfm-01 · 추가 배정');
    expect(supplements.items[0]!.link).toBe('/allocations');
  });

  it('counts every unverified organisation, and a new registration adds one', async () => {
    const before = group((await home()).waiting, 'organisations');
    const unverified = await t.ctx.db.select().from(organisations).where(eq(organisations.verificationStatus, 'unverified'));
    expect(before.total).toBe(unverified.length);
    expect(before.items.length).toBe(Math.min(5, unverified.length));
    await createOrganisation(alice);
    expect(group((await home()).waiting, 'organisations').total).toBe(before.total + 1);
  });

  it('lists a failed job, naming it in Korean without the worker’s English error', async () => {
    const before = group((await home()).waiting, 'failedJobs').total;
    await t.ctx.db.insert(jobs).values({ kind: 'provenance.compare', payload: {}, status: 'failed', error: 'ENOENT: no such file', attempts: 3 });
    const failed = group((await home()).waiting, 'failedJobs');
    expect(failed.total).toBe(before + 1);
    expect(failed.items[0]!.label.ko).toBe('체크포인트 비교 실패');
    expect(failed.items[0]!.label.en).toContain('ENOENT');
  });

  it('puts every program’s phases and calls on one calendar against today in Seoul', async () => {
    const { calendar } = await home();
    const now = await databaseNow(t.ctx.db);
    expect(calendar.today).toBe(seoulDay(Math.floor(now.getTime() / 1000)));
    const call = (await alice.get(`/api/v1/calls/${PROGRAM}/${CALL}`)).body.call;
    const entry = calendar.entries.find((e) => e.program === PROGRAM && e.kind === 'call')!;
    expect(entry.closesAt).toBe(call.closes);
    expect(entry.when).toBe('now'); // the demo call is open
    expect(calendar.entries.some((e) => e.program === 'k-ai' && e.kind === 'phase')).toBe(true);
    const starts = calendar.entries.map((e) => e.start);
    expect(starts).toEqual([...starts].sort());
  });
});
