import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import { auditLog, mailOutbox, notifications, user } from '../../src/db/schema/index.ts';
import { api, createOrganisation, openCallAroundNow, readyApplication, signUp, type Api } from './support.ts';

// Issue 19 item 1: a submission takes the receipt counter and the audit head together, in one
// round trip just before its last write. Run it on PostgreSQL (scripts/with-postgres.sh) to see
// real row locks; on PGlite it runs one transaction at a time.
let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@surge.test'));
  const operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  await openCallAroundNow(t, operator, 'surge test window');
}, 180_000);
afterAll(() => t.dispose());

describe('the deadline surge', () => {
  it('200 submissions at once, beside other audited writes: 200 distinct consecutive receipt numbers, one audit row and two notices each, and a chain that verifies', async () => {
    const N = 200;
    const ready: { id: string; version: number }[] = [];
    for (let i = 0; i < N; i++) ready.push(await readyApplication(alice, await createOrganisation(alice), `마감 급증 ${i}`));

    const [submitted, others] = await Promise.all([
      Promise.all(ready.map((r) => alice.post(`/api/v1/applications/${r.id}/submit`, { version: r.version }))),
      // other office work appending to the same chain meanwhile
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.ctx.db.transaction((tx) => appendAudit(tx, null, { action: 'test.beside-surge', objectType: 'thing', objectId: String(i) })),
        ),
      ),
    ]);
    expect(submitted.map((r) => r.status)).toEqual(Array(N).fill(201));
    expect(new Set(others).size).toBe(20);

    const numbers = submitted.map((r) => r.body.receipt.receiptNo as string);
    expect(new Set(numbers).size).toBe(N);
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));

    // each submission audited once, with the receipt it answered
    const audited = await t.ctx.db
      .select({ objectId: auditLog.objectId, after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'application.submit'),
          inArray(
            auditLog.objectId,
            ready.map((r) => r.id),
          ),
        ),
      );
    expect(audited).toHaveLength(N);
    const byApp = new Map(audited.map((a) => [a.objectId, (a.after as { receiptNo: string }).receiptNo]));
    submitted.forEach((r, i) => expect(byApp.get(ready[i]!.id)).toBe(r.body.receipt.receiptNo));

    // the organisation's member gets the receipt and the verdict in the inbox, each with its mail
    const [me] = await t.ctx.db.select({ id: user.id }).from(user).where(eq(user.email, 'alice@surge.test'));
    const inbox = await t.ctx.db
      .select({ kind: notifications.kind, receiptNo: sql<string>`${notifications.params}->>'receiptNo'`, mailSubject: mailOutbox.subject })
      .from(notifications)
      .innerJoin(mailOutbox, eq(mailOutbox.notificationId, notifications.id))
      .where(and(eq(notifications.userId, me!.id), isNotNull(mailOutbox.notificationId), inArray(sql<string>`${notifications.params}->>'receiptNo'`, numbers)));
    expect(inbox.filter((n) => n.kind === 'submission-receipt')).toHaveLength(N);
    expect(inbox.filter((n) => n.kind === 'eligibility-verdict')).toHaveLength(N);
    expect(inbox.find((n) => n.kind === 'submission-receipt' && n.receiptNo === numbers[0])!.mailSubject).toContain(numbers[0]!);

    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  }, 300_000);
});
