import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.ts';
import { auditLog, notifications, taskMembers, tasks, underUseFlags, user } from '../../src/db/schema/index.ts';
import { sendDueMail } from '../../src/notifications/mailer.ts';
import { smtpTransport } from '../../src/adapters/smtp/smtp-transport.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let inbox: SmtpInbox;
let operator: string;
// mid-phase-2 of the demo program, where the demo's usage is imported
const AS_OF = '2026-06-01T00:00:00+09:00';

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: operator } });
const setPolicy = (warnBelow: number, reclaimBelow: number) =>
  call('PUT', '/api/v1/programs/specialized-fm/under-use-policy', {
    policy: { graceSeconds: 0, warnBelow, reclaimBelow, reclaimShareOfIdle: 0.5, gpuGranularity: 8 },
    reason: '저사용 경고 시험',
  });
const evaluate = async (mode: 'preview' | 'commit') =>
  (await call('POST', '/api/v1/programs/specialized-fm/under-use/evaluate', { asOf: AS_OF, mode, reason: '6월 사용률 점검' })).json();
async function drain() {
  const opts = { transport: smtpTransport(inbox.url), from: 'Stagegate <office@stagegate.test>', publicUrl: 'http://localhost:3000' };
  for (let round = 0; round < 20; round++) if ((await sendDueMail(t.ctx.db, opts)).sent === 0) break;
  opts.transport.close?.();
}
const warningsInInbox = () => t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'under-use-warning'));
const underUseGroup = async () =>
  ((await call('GET', '/api/v1/office/home')).json().waiting as { kind: string; total: number; items: { label: { ko: string; en: string } }[] }[]).find(
    (g) => g.kind === 'underUse',
  )!;

beforeAll(async () => {
  t = await createTestServer();
  inbox = await startSmtpInbox();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 120_000);
afterAll(async () => {
  await inbox.close();
  await t.dispose();
});

describe('under-use warnings reach the team', () => {
  // every task used less than all it was due, and none falls below a reclaim threshold of 0: all warn
  let warned: { taskId: string; taskKey: string; utilisation: number }[] = [];

  it('a preview says who would be warned and tells nobody', async () => {
    expect((await setPolicy(0.999, 0)).statusCode).toBe(200);
    const preview = await evaluate('preview');
    warned = preview.results.filter((r: { level: string }) => r.level === 'warn');
    expect(warned.length).toBeGreaterThan(0);
    expect(preview.results.filter((r: { level: string }) => r.level === 'warn').every((r: { warning: string }) => r.warning === 'would-send')).toBe(true);
    expect(await warningsInInbox()).toHaveLength(0);
    expect(await t.ctx.db.select().from(underUseFlags)).toHaveLength(0);
  });

  it('a run warns each member of a warned task in the inbox and by mail, with the ratio, the threshold and what comes next', async () => {
    const run = await evaluate('commit');
    expect(
      run.results
        .filter((r: { warning: string }) => r.warning === 'sent')
        .map((r: { taskKey: string }) => r.taskKey)
        .sort(),
    ).toEqual(warned.map((w) => w.taskKey).sort());
    const members = await t.ctx.db
      .selectDistinct({ id: taskMembers.userId, email: user.email, taskId: taskMembers.taskId })
      .from(taskMembers)
      .innerJoin(user, eq(user.id, taskMembers.userId))
      .where(
        and(
          inArray(
            taskMembers.taskId,
            warned.map((w) => w.taskId),
          ),
          isNotNull(taskMembers.userId),
        ),
      );
    expect(members.length).toBeGreaterThan(0);
    const inboxRows = await warningsInInbox();
    expect(new Set(inboxRows.map((n) => n.userId))).toEqual(new Set(members.map((m) => m.id)));
    await drain();
    const first = warned[0]!;
    const pct = `${Math.round(first.utilisation * 100)}%`;
    const member = members.find((m) => m.taskId === first.taskId)!;
    const mail = inbox.mails.find((m) => m.to.includes(member.email) && m.subject.includes(`${first.taskKey} 과제 GPU 저사용 경고`));
    expect(mail!.subject).toContain('저사용 경고');
    expect(mail!.text).toContain(`${pct}만 사용했습니다(경고 기준 100%)`);
    expect(mail!.text).toContain('회수를 제안');
    const flags = await t.ctx.db.select().from(underUseFlags);
    expect(flags.map((f) => f.taskId).sort()).toEqual(warned.map((w) => w.taskId).sort());
    expect(flags.every((f) => f.phaseKey === 'phase-2' && f.level === 'warn' && f.threshold === 0.999)).toBe(true);
    const [audit] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'usage.under-use-warning'), eq(auditLog.objectId, first.taskId)));
    expect(audit!.after).toMatchObject({ phase: 'phase-2', warnBelow: 0.999 });
  });

  it('does not warn the same task, phase and level twice', async () => {
    const before = (await warningsInInbox()).length;
    const again = await evaluate('commit');
    expect(again.results.filter((r: { level: string }) => r.level === 'warn').every((r: { warning: string }) => r.warning === 'already-sent')).toBe(true);
    expect((await warningsInInbox()).length).toBe(before);
    expect((await evaluate('preview')).results.find((r: { taskKey: string }) => r.taskKey === warned[0]!.taskKey).warning).toBe('already-sent');
  });

  it('lists open flags on the office home, and closes them once the task is back on track', async () => {
    const group = await underUseGroup();
    expect(group.total).toBeGreaterThanOrEqual(warned.length);
    const key = warned[0]!.taskKey;
    expect(group.items.some((i) => i.label.ko.startsWith(`${key} · 저사용 경고`) && i.label.en.includes('threshold 100%'))).toBe(true);
    expect((await setPolicy(0, 0)).statusCode).toBe(200);
    const run = await evaluate('commit');
    expect(run.results.every((r: { level: string }) => r.level === 'ok')).toBe(true);
    expect((await underUseGroup()).items.some((i) => i.label.ko.includes('저사용 경고'))).toBe(false);
    const [taskRow] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, key));
    const [flag] = await t.ctx.db.select().from(underUseFlags).where(eq(underUseFlags.taskId, taskRow!.id));
    expect(flag!.resolvedAt).not.toBeNull();
  });
});
