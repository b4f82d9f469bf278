import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { countQueries } from '../support/query-counter.ts';
import { isEmbedded } from '../../src/db/connect.ts';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { submitApplication, type SubmitResult } from '../../src/applications/submission.ts';
import { applications, applicationVersions, auditLog, notifications } from '../../src/db/schema/index.ts';
import { api, createOrganisation, openCallAroundNow, readyApplication, signUp, type Api } from './support.ts';

// Issue 19 item 1: submissions that arrive while two transactions hold the call's queue go in
// together, one transaction for the batch. Each must still be judged, numbered, frozen, audited and
// told as if it had gone alone, and one that fails must not take the others down with it.
// Submissions called in one turn go in order: the first two each alone, the rest as one batch.
let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@batches.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  await openCallAroundNow(t, operator, 'batch test window');
}, 180_000);
afterAll(() => t.dispose());

const ready = async (n: number, title: string) => {
  const apps: { id: string; version: number }[] = [];
  for (let i = 0; i < n; i++) apps.push(await readyApplication(alice, await createOrganisation(alice), `${title} ${i}`));
  return apps;
};
const submit = (app: { id: string; version: number }, authorise?: Parameters<typeof submitApplication>[6]) =>
  submitApplication(t.ctx.db, null, app.id, app.version, undefined, 'commit', authorise);
const settle = (all: Promise<SubmitResult>[]) => Promise.allSettled(all);
const receiptOf = (r: PromiseSettledResult<SubmitResult>) => (r.status === 'fulfilled' && 'receipt' in r.value ? r.value.receipt : undefined);
const seqOf = (receiptNo: string) => Number(receiptNo.split('-')[2]);

describe('submissions that arrive together go in together', () => {
  it('ten at once: each its own consecutive receipt, frozen version, audit row and two notices, in three transactions', async () => {
    const apps = await ready(10, '함께 제출');
    const counter = countQueries(t.ctx.db);
    counter.reset();
    const results = await settle(apps.map((a) => submit(a)));
    const statements = counter.count;
    const receipts = results.map(receiptOf);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason))).toEqual(Array(10).fill('submitted'));
    // the first two run side by side, so either may take the queue first: the numbers are consecutive as a set
    const seqs = receipts.map((r) => seqOf(r!.receiptNo)).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));

    // two alone, then eight in one transaction: three statements each (the locked read, the queues,
    // the write), plus begin and commit on PostgreSQL; one by one it would be ten times that
    const perTransaction = 3 + (isEmbedded(t.ctx.db) ? 0 : 2);
    expect(statements).toBeLessThanOrEqual(3 * perTransaction + 1);

    const ids = apps.map((a) => a.id);
    const stored = await t.ctx.db
      .select({ id: applications.id, status: applications.status, receiptNo: applications.receiptNo, submittedHash: applications.submittedHash })
      .from(applications)
      .where(inArray(applications.id, ids));
    const frozen = await t.ctx.db
      .select({ id: applicationVersions.applicationId, hash: applicationVersions.hash })
      .from(applicationVersions)
      .where(and(inArray(applicationVersions.applicationId, ids), eq(applicationVersions.kind, 'submitted')));
    apps.forEach((a, i) => {
      const row = stored.find((s) => s.id === a.id)!;
      expect(row).toMatchObject({ status: 'submitted', receiptNo: receipts[i]!.receiptNo, submittedHash: receipts[i]!.hash });
      expect(frozen.filter((f) => f.id === a.id).map((f) => f.hash)).toEqual([receipts[i]!.hash]);
    });
    const audited = await t.ctx.db
      .select({ objectId: auditLog.objectId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.submit'), inArray(auditLog.objectId, ids)));
    expect(audited.map((a) => [a.objectId, (a.after as { receiptNo: string }).receiptNo]).sort()).toEqual(
      apps.map((a, i) => [a.id, receipts[i]!.receiptNo]).sort(),
    );
    const told = await t.ctx.db
      .select({ kind: notifications.kind, receiptNo: sql<string>`${notifications.params}->>'receiptNo'` })
      .from(notifications)
      .where(
        inArray(
          sql<string>`${notifications.params}->>'receiptNo'`,
          receipts.map((r) => r!.receiptNo),
        ),
      );
    for (const r of receipts)
      expect(
        told
          .filter((n) => n.receiptNo === r!.receiptNo)
          .map((n) => n.kind)
          .sort(),
      ).toEqual(['eligibility-verdict', 'submission-receipt']);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  }, 120_000);

  it('two applications of one lead in one batch: the first goes through, the second is judged after it and refused by the one-per-lead rule', async () => {
    const [first, second] = await ready(2, '앞선 제출');
    const org = await createOrganisation(alice);
    const lead = [await readyApplication(alice, org, '같은 주관 1'), await readyApplication(alice, org, '같은 주관 2')];
    const results = await settle([submit(first!), submit(second!), submit(lead[0]!), submit(lead[1]!)]);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'error'));
    expect(statuses.slice(0, 2)).toEqual(['submitted', 'submitted']);
    expect(statuses.slice(2).sort()).toEqual(['invalid', 'submitted']);
    const refused = results.slice(2).find((r) => r.status === 'fulfilled' && r.value.status === 'invalid') as PromiseFulfilledResult<
      SubmitResult & { status: 'invalid' }
    >;
    expect(refused.value.issues.map((i) => i.field)).toContain('eligibility.one-per-lead');
    const states = await t.ctx.db
      .select({ status: applications.status, receiptNo: applications.receiptNo })
      .from(applications)
      .where(
        inArray(
          applications.id,
          lead.map((a) => a.id),
        ),
      );
    expect(states.map((s) => s.status).sort()).toEqual(['draft', 'submitted']);
    expect(states.filter((s) => s.receiptNo === null)).toHaveLength(1);
  }, 120_000);

  it('an application the office let through ahead of another of its lead in one batch: the other is judged after it, and refused', async () => {
    const [first, second] = await ready(2, '앞선 제출 2');
    const org = await createOrganisation(alice);
    const overridden = await readyApplication(alice, org, '예외 승인');
    const guarded = await readyApplication(alice, org, '같은 주관 뒤');
    // the office's override lifts the per-lead limit for this one only
    const o = await operator.put(`/api/v1/applications/${overridden.id}/eligibility-override`, { eligible: true, reason: '사업단 예외 승인' });
    expect(o.status).toBe(200);
    const [{ currentVersion }] = await t.ctx.db
      .select({ currentVersion: applications.currentVersion })
      .from(applications)
      .where(eq(applications.id, overridden.id));
    const results = await settle([submit(first!), submit(second!), submit({ id: overridden.id, version: currentVersion }), submit(guarded)]);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason));
    expect(statuses).toEqual(['submitted', 'submitted', 'submitted', 'invalid']);
    expect((results[3] as PromiseFulfilledResult<SubmitResult & { status: 'invalid' }>).value.issues.map((i) => i.field)).toContain('eligibility.one-per-lead');
  }, 120_000);

  it('one refused by its authorisation in a batch answers with its own refusal; the others go through', async () => {
    const apps = await ready(4, '권한 거절');
    const forbidden = new Error('not a member of the applying organisation');
    const results = await settle(
      apps.map((a, i) =>
        submit(a, () => {
          if (i === 2) throw forbidden;
        }),
      ),
    );
    expect(results[2]).toEqual({ status: 'rejected', reason: forbidden });
    expect([0, 1, 3].map((i) => receiptOf(results[i]!)?.applicationId)).toEqual([0, 1, 3].map((i) => apps[i]!.id));
    const [left] = await t.ctx.db.select({ status: applications.status }).from(applications).where(eq(applications.id, apps[2]!.id));
    expect(left!.status).toBe('draft');
  }, 120_000);

  it('a batch that fails as a whole goes again one by one: only the one at fault fails, and no receipt number is skipped', async () => {
    const apps = await ready(5, '일괄 실패');
    // a version row already where the faulty one's frozen version goes: its insert fails, and with it the batch
    const [faulty] = await t.ctx.db.select({ lastSeq: applications.lastSeq }).from(applications).where(eq(applications.id, apps[3]!.id));
    await t.ctx.db.insert(applicationVersions).values({ applicationId: apps[3]!.id, version: faulty!.lastSeq + 1, kind: 'draft', content: {} });
    const results = await settle(apps.map((a) => submit(a)));
    expect(results[3]!.status).toBe('rejected');
    const passed = [0, 1, 2, 4].map((i) => receiptOf(results[i]!)!);
    expect(passed.every(Boolean)).toBe(true);
    const seqs = passed.map((r) => seqOf(r.receiptNo)).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  }, 120_000);

  it('the same application twice at once: one receipt, stored once; the second answer replays it', async () => {
    const apps = await ready(3, '중복 제출');
    const twice = apps[2]!;
    const results = await settle([submit(apps[0]!), submit(apps[1]!), submit(twice), submit(twice)]);
    const answers = results.slice(2).map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    expect(answers.map((a) => a?.status).sort()).toEqual(['replayed', 'submitted']);
    expect(receiptOf(results[2]!)!.receiptNo).toBe(receiptOf(results[3]!)!.receiptNo);
    const audited = await t.ctx.db
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.submit'), eq(auditLog.objectId, twice.id)));
    expect(audited).toHaveLength(1);
  }, 120_000);
});
