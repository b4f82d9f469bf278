import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { countQueries } from '../support/query-counter.ts';
import { applications, jobs, organisations, reviewRounds, usageDaily } from '../../src/db/schema/index.ts';
import { CALL, PROGRAM } from '../applications/support.ts';

// Issue 14 item 4: a list costs the same number of statements whether it shows 3 rows or 30 — no
// query per row. Rows are added straight to the tables (the lists only read them), over the demo data.
let t: Awaited<ReturnType<typeof createTestServer>>;
let cookie: string;
let counter: ReturnType<typeof countQueries>;
let added = 0;
beforeAll(async () => {
  t = await createTestServer();
  cookie = await signIn(t.app, 'operator@demo.stagegate.kr');
  counter = countQueries(t.ctx.db);
}, 120_000);
afterAll(() => t.dispose());

/** `n` more organisations, each with a submitted application in the demo call, a failed job and a day of usage. */
async function addRows(n: number) {
  for (let i = 0; i < n; i++) {
    added++;
    const [org] = await t.ctx.db
      .insert(organisations)
      .values({ nameKo: `쿼리세기 기관 ${added}`, nameEn: `Query count org ${added}`, type: 'startup', country: 'KR' })
      .returning();
    await t.ctx.db.insert(applications).values({
      programSlug: PROGRAM,
      callKey: CALL,
      organisationId: org!.id,
      status: 'submitted',
      receiptNo: `QC-${String(added).padStart(4, '0')}`,
      submittedAt: new Date(),
      consortium: { lead: { organisationId: org!.id, name: org!.nameKo }, participants: [] },
      proposal: { title: `쿼리 세기 과제 ${added}` },
    });
    await t.ctx.db.insert(jobs).values({ kind: 'provenance.compare', payload: {}, status: 'failed', error: 'query count fixture' });
    await t.ctx.db.insert(usageDaily).values({
      account: 'qc-account',
      clusterUsername: `qc-user-${added}`,
      day: '2026-01-15',
      gpuSeconds: 3600,
      jobs: 1,
      importId: '00000000-0000-4000-8000-0000000000aa',
    });
  }
}

const routes = [
  '/api/v1/review/calls',
  `/api/v1/review/calls/${PROGRAM}/${CALL}`,
  '/api/v1/applications',
  '/api/v1/organisations',
  '/api/v1/office/applications?pageSize=100&q=쿼리',
  '/api/v1/office/organisations?pageSize=100&q=쿼리세기',
  '/api/v1/office/jobs?pageSize=100&state=failed',
  '/api/v1/office/usage?pageSize=100&account=qc-account',
  // sorted by another column: still one statement for the rows, not one per row
  '/api/v1/office/applications?pageSize=100&q=쿼리&sort=organisation&order=desc',
  '/api/v1/office/organisations?pageSize=100&q=쿼리세기&sort=createdAt&order=asc',
  '/api/v1/office/jobs?pageSize=50&state=failed&sort=kind&order=asc',
  '/api/v1/office/usage?pageSize=100&account=qc-account&sort=gpuHours&order=asc',
];

async function statementsPerRoute(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const url of routes) {
    // twice, keeping the smaller count: the audit checkpoint's timer (context.ts) may land one
    // statement of its own inside a request's window; a per-row query would show in both
    for (let i = 0; i < 2; i++) {
      counter.reset();
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      out[url] = Math.min(out[url] ?? Infinity, counter.count);
    }
  }
  return out;
}

describe('issue 14 item 4: list routes cost the same statements for 3 rows as for 30', () => {
  it('counts each list route with 3 added rows and with 30, and the counts match', async () => {
    await addRows(3);
    const three = await statementsPerRoute();
    const officeApps = (await t.app.inject({ method: 'GET', url: routes[4]!, headers: { cookie } })).json();
    expect(officeApps.total).toBe(3);
    await addRows(27);
    const thirty = await statementsPerRoute();
    const after = (await t.app.inject({ method: 'GET', url: routes[4]!, headers: { cookie } })).json();
    expect(after.total).toBe(30);
    expect(after.applications).toHaveLength(30);
    console.info('statements per list route, 3 rows → 30 rows:\n' + routes.map((r) => `  ${r}: ${three[r]} → ${thirty[r]}`).join('\n'));
    expect(thirty).toEqual(three);
    for (const r of routes) expect(three[r], r).toBeGreaterThan(0);
  }, 120_000);

  it('a call’s review desk costs the same with more rounds (counts per round are grouped, not asked round by round)', async () => {
    const desk = `/api/v1/review/calls/${PROGRAM}/${CALL}`;
    const measure = async () => {
      counter.reset();
      const res = await t.app.inject({ method: 'GET', url: desk, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return { statements: counter.count, rounds: res.json().rounds.length as number };
    };
    const before = await measure();
    await t.ctx.db
      .insert(reviewRounds)
      .values(
        [8, 9, 10].map((p) => ({ programSlug: PROGRAM, callKey: CALL, key: `qc-${p}`, name: { ko: `추가 단계 ${p}`, en: `Extra round ${p}` }, position: p })),
      );
    const after = await measure();
    console.info(`review desk statements: ${before.rounds} rounds → ${before.statements}, ${after.rounds} rounds → ${after.statements}`);
    expect(after.rounds).toBe(before.rounds + 3);
    expect(after.statements).toBe(before.statements);
  });
});
