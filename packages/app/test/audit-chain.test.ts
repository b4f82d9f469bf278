import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { createTestContext } from './support/test-context.ts';
import { appendAudit, checkpointAudit, verifyAuditChain } from '../src/audit/audit-log.ts';
import { auditRowHash, type AuditFields } from '../src/audit/audit-hash.ts';
import { auditHead, auditLog } from '../src/db/schema/index.ts';
import type { Db } from '../src/db/connect.ts';

type TestContext = Awaited<ReturnType<typeof createTestContext>>;

async function touch(db: Db, n: number, from = 0) {
  for (let i = from; i < from + n; i++) {
    await db.transaction((tx) =>
      appendAudit(tx, null, {
        action: 'test.touch',
        objectType: 'thing',
        objectId: String(i),
        before: { n: i },
        after: { n: i + 1, nested: { b: 1, a: [1, 2] } },
      }),
    );
  }
}

/** What someone with write access to the database but without the key can do: rehash from `seq` on. */
async function rehashFrom(db: Db, seq: number, to = Number.MAX_SAFE_INTEGER) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(gt(auditLog.seq, seq - 1), lte(auditLog.seq, to)))
    .orderBy(asc(auditLog.seq));
  const [before] = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.seq, seq - 1));
  let prev = before?.hash ?? '0'.repeat(64);
  for (const r of rows) {
    const { prevHash: _p, hash: _h, ...fields } = r;
    const hash = auditRowHash(prev, fields as AuditFields);
    await db.update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.seq, r.seq));
    prev = hash;
  }
  return prev;
}

const fresh: TestContext[] = [];
async function freshLog(rows: number): Promise<Db> {
  const t = await createTestContext({ demo: false });
  fresh.push(t);
  await touch(t.ctx.db, rows);
  return t.ctx.db;
}

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
  await touch(t.ctx.db, 5);
});
afterAll(async () => {
  await t.dispose();
  for (const f of fresh) await f.dispose();
});

describe('audit hash chain', () => {
  it('verifies an untouched log, every row keyed', async () => {
    const v = await verifyAuditChain(t.ctx.db);
    expect(v).toMatchObject({ ok: true, problems: [], unkeyedRows: 0, keyId: t.ctx.audit.keyId });
    expect(v.rows).toBe(7); // two program seeds + five touches
    const [head] = await t.ctx.db.select().from(auditHead);
    expect(head).toMatchObject({ seq: 7, keyedFrom: 1, keyId: t.ctx.audit.keyId });
    expect(head!.mac).toMatch(/^[0-9a-f]{64}$/);
  });

  it('issue 12 item 9: a rewritten middle row is detected, and named', async () => {
    await t.ctx.db.execute(sql`update audit_log set after = '{"n": 999}'::jsonb where seq = 4`);
    const v = await verifyAuditChain(t.ctx.db);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ seq: 4, problem: expect.stringContaining('the row was edited') }]);
  });

  it('detects a deleted row and a trimmed tail', async () => {
    await t.ctx.db.execute(sql`delete from audit_log where seq = 5`);
    let v = await verifyAuditChain(t.ctx.db);
    expect(v.problems.some((p) => p.seq === 6 && p.problem.includes('missing'))).toBe(true);
    await t.ctx.db.execute(sql`delete from audit_log where seq = 7`);
    v = await verifyAuditChain(t.ctx.db);
    expect(v.problems.some((p) => p.problem.includes('rows at the end were deleted'))).toBe(true);
  });

  it('issue 12 item 9: deleting the last rows and putting back an older signed head is caught by the head kept outside the database', async () => {
    const db = await freshLog(4);
    const [old] = await db.select().from(auditHead); // a signed head at seq 6, captured by the attacker
    await touch(db, 3, 10);
    expect(await checkpointAudit(db)).toBe(true); // the server does this every few seconds and at close
    await db.delete(auditLog).where(gt(auditLog.seq, 6));
    await db.update(auditHead).set(old!).where(eq(auditHead.id, 'head'));
    const v = await verifyAuditChain(db);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([
      {
        seq: 9,
        problem: expect.stringMatching(/^the log ends at 6 but 9 rows had been written by .* \(rows at the end were deleted, or the log was truncated\)$/),
      },
    ]);
  });

  it('issue 12 item 9: truncating the audit tables is detected', async () => {
    const db = await freshLog(3);
    expect((await verifyAuditChain(db)).ok).toBe(true); // a passing verify records the head outside too
    await db.execute(sql`truncate audit_log`);
    await db.execute(sql`update audit_head set seq = 0, hash = ${'0'.repeat(64)}, mac = null, key_id = null`);
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: false, rows: 0 });
    expect(v.problems.map((p) => p.problem)).toContainEqual(expect.stringContaining('the log ends at 0 but 5 rows had been written'));

    await db.execute(sql`delete from audit_head`);
    const gone = await verifyAuditChain(db);
    expect(gone.problems.map((p) => p.problem)).toEqual([
      expect.stringContaining('the audit head is missing'),
      expect.stringContaining('the log ends at 0 but 5 rows had been written'),
    ]);
  });

  it('issue 12 item 9: a row rewritten and the chain recomputed without the key is detected', async () => {
    const db = await freshLog(5);
    await checkpointAudit(db);
    await db.execute(sql`update audit_log set after = '{"n": 1000}'::jsonb where seq = 4`);
    const last = await rehashFrom(db, 4); // plain SHA-256, as the chain was before keying
    await db.update(auditHead).set({ hash: last }).where(eq(auditHead.id, 'head'));
    const v = await verifyAuditChain(db);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({ seq: 4, problem: expect.stringContaining('recomputed without the audit key') });
    expect(v.problems).toContainEqual({ seq: 7, problem: expect.stringContaining('signature does not match') });

    // ...nor by pretending the whole log predates keying (unsigned head that says keying starts later)
    await db.update(auditHead).set({ mac: null, keyId: null, keyedFrom: 8 }).where(eq(auditHead.id, 'head'));
    const downgraded = await verifyAuditChain(db);
    expect(downgraded.ok).toBe(false);
    expect(downgraded.problems).toContainEqual({ seq: 4, problem: expect.stringContaining('recomputed without the audit key') });
    expect(downgraded.problems).toContainEqual({ seq: 7, problem: expect.stringContaining('not signed although keyed rows were written') });
  });

  it('issue 20 item 5: a rewritten row whose own hash was recomputed is caught by the link from the next row', async () => {
    const db = await freshLog(5);
    // even with the key (an insider), changing row 4 and recomputing only its hash breaks row 5's prevHash
    const [row] = await db.select().from(auditLog).where(eq(auditLog.seq, 4));
    const { prevHash, hash: _h, ...fields } = row!;
    const forged = { ...fields, after: { n: 4242 } };
    await db
      .update(auditLog)
      .set({ after: forged.after, hash: auditRowHash(prevHash, forged as AuditFields, fresh.at(-1)!.ctx.audit.key) })
      .where(eq(auditLog.seq, 4));
    const v = await verifyAuditChain(db);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ seq: 5, problem: 'does not link to the previous row (a row before it was changed or deleted)' }]);
  });

  it('keeps appends chained under concurrency', async () => {
    const f = await createTestContext({ demo: false });
    fresh.push(f);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        f.ctx.db.transaction((tx) => appendAudit(tx, null, { action: 'test.concurrent', objectType: 'thing', objectId: String(i) })),
      ),
    );
    const v = await verifyAuditChain(f.ctx.db);
    expect(v).toMatchObject({ ok: true, rows: 22 });
  });

  it('issue 12 item 9: a chain written before keying still verifies, and the first keyed row anchors it', async () => {
    const f = await createTestContext({ demo: false });
    fresh.push(f);
    const db = f.ctx.db;
    // the state migration 0003 leaves: two plain SHA-256 rows, an unsigned head, keying from row 3
    const last = await rehashFrom(db, 1, 2);
    await db.update(auditHead).set({ hash: last, mac: null, keyId: null, keyedFrom: 3 }).where(eq(auditHead.id, 'head'));
    await touch(db, 2);
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: true, rows: 4, unkeyedRows: 2, problems: [] });
    // an old row edited and the unkeyed part recomputed: the first keyed row no longer links
    await db.execute(sql`update audit_log set reason = 'rewritten' where seq = 1`);
    await rehashFrom(db, 1, 2);
    const tampered = await verifyAuditChain(db);
    expect(tampered.problems).toEqual([{ seq: 3, problem: expect.stringContaining('does not link to the previous row') }]);
  });
});
