import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { ensureAccount } from '../../src/seed/demo-accounts.ts';
import { mailOutbox } from '../../src/db/schema/index.ts';

// issue 15: notices that reach a person with an account are in their inbox, not only in the mail —
// the selection result for each member of the applying organisation, a reviewer invitation with its due date.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const OP = 'operator@demo.stagegate.kr';
const NURI = 'nuri@demo.stagegate.kr';
const INVITEE = 'existing.expert@demo.stagegate.kr';
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';

interface Entry {
  id: string;
  kind: string;
  title: { ko: string; en: string };
  text: { ko: string; en: string };
  link: string | null;
  readAt: string | null;
}

async function call(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}
const inbox = async (who: string, kind: string) =>
  ((await call(who, 'GET', '/api/v1/me/notifications')).body.notifications as Entry[]).filter((n) => n.kind === kind);

beforeAll(async () => {
  t = await createTestServer();
  await ensureAccount(t.ctx, { email: INVITEE, password: 'stagegate-demo', name: '기존위원', role: 'reviewer' });
  for (const e of [OP, NURI, INVITEE]) cookie[e] = await signIn(t.app, e);
}, 120_000);
afterAll(() => t?.dispose());

describe('the selection result', () => {
  it('reaches the applicant’s inbox when the office publishes it, with the outcome and a link to the result', async () => {
    const overview = (await call(OP, 'GET', CALL)).body as { applications: { id: string; receiptNo: string; title: string }[] };
    const nuri = overview.applications.find((a) => a.title === '금융 상담·심사 특화 언어모델')!;
    const STATE = '/api/v1/calls/specialized-fm/2025-call/state';
    expect((await call(OP, 'POST', STATE, { action: 'close', reason: '심사 착수를 위해 조기 마감', mode: 'commit' })).body.to).toBe('closed');
    expect((await call(OP, 'POST', STATE, { action: 'start_review', reason: '서면 평가 시작', mode: 'commit' })).body.to).toBe('under_review');
    // without reviews nothing can be selected; a reserve and rejections are decisions all the same
    const decisions = overview.applications.map((a) =>
      a.id === nuri.id
        ? { applicationId: a.id, outcome: 'reserve', reason: '예비 1순위' }
        : { applicationId: a.id, outcome: 'rejected', reason: '지원 요건 미충족' },
    );
    const decided = await call(OP, 'PUT', `${CALL}/selection`, { decisions, mode: 'commit' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // decided is not told: only publication tells the applicant
    expect(await inbox(NURI, 'selection-result')).toEqual([]);

    expect((await call(OP, 'POST', `${CALL}/publication`, { publish: true })).status).toBe(200);
    const [entry, ...more] = await inbox(NURI, 'selection-result');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ link: `/review/results/${nuri.id}`, readAt: null });
    expect(entry!.title.ko).toMatch(new RegExp(` 선정 결과 \\(${nuri.receiptNo}\\)$`));
    expect(entry!.text.ko).toBe(`「${nuri.title}」 신청의 선정 결과는 '예비 선정'입니다. 자세한 내용과 평가 점수는 신청 화면에서 볼 수 있습니다.`);
    // the page it links to is the applicant's to read
    const result = await call(NURI, 'GET', `/api/v1${entry!.link!}`);
    expect(result.status).toBe(200);
    expect(result.body.decision.outcome).toBe('reserve');
  });
});

describe('a reviewer invitation to someone who already has an account', () => {
  it('is in their inbox too, with the call, the due date in Seoul time and the link to accept', async () => {
    // the office sets when the documents round's reviews are due
    const setup = (await call(OP, 'GET', CALL)).body;
    const rounds = setup.rounds.map((r: { key: string; name: unknown; weight: number; reviewsPerProposal: number }, i: number) => ({
      key: r.key,
      name: r.name,
      weight: r.weight,
      reviewsPerProposal: r.reviewsPerProposal,
      dueAt: i === 0 ? '2026-12-20T08:59:00Z' : null,
    }));
    const { blind, conflictYears, aggregation, revision } = setup.config;
    const configured = await call(OP, 'PUT', `${CALL}/config`, {
      blind,
      conflictYears,
      aggregation,
      rounds,
      expectedRevision: revision,
      reason: '평가 마감일 지정',
    });
    expect(configured.status, JSON.stringify(configured.body)).toBe(200);
    expect(await inbox(INVITEE, 'reviewer-invitation')).toEqual([]);

    const invited = await call(OP, 'POST', `${CALL}/reviewers`, { email: INVITEE, name: '기존위원' });
    expect(invited.status).toBe(200);
    const url = invited.body.invitationUrl as string;
    const [entry, ...more] = await inbox(INVITEE, 'reviewer-invitation');
    expect(more).toEqual([]);
    expect(entry!.title.ko).toMatch(/ 선정 평가위원 위촉 요청$/);
    expect(entry!.text.ko).toContain('기존위원 님께');
    expect(entry!.text.ko).toContain('평가 마감: 2026년 12월 20일 17:59 (한국 시간)');
    expect(entry!.text.ko).toContain(url);
    expect(entry!.readAt).toBeNull();
    // the inbox opens the invitation's page (it had no link before this test: the address was only in the text)
    expect(entry!.link).toBe(new URL(url).pathname);
    // the mail says the same and is tied to the inbox entry
    const [mail] = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, INVITEE), eq(mailOutbox.kind, 'reviewer-invitation')));
    expect(mail).toMatchObject({ notificationId: entry!.id, body: entry!.text.ko });
  });
});
