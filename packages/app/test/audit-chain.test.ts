import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext } from './support/test-context.ts';
import { appendAudit, verifyAuditChain } from '../src/audit/audit-log.ts';

let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
  for (let i = 0; i < 5; i++) {
    await t.ctx.db.transaction((tx) => appendAudit(tx, null, { action: 'test.touch', objectType: 'thing', objectId: String(i), before: { n: i }, after: { n: i + 1, nested: { b: 1, a: [1, 2] } } }));
  }
});
afterAll(() => t.dispose());

const db = () => t.ctx.db;

describe('audit hash chain', () => {
  it('verifies an untouched log', async () => {
    const v = await verifyAuditChain(db());
    expect(v).toMatchObject({ ok: true, problems: [] });
    expect(v.rows).toBe(7); // two program seeds + five touches
  });

  it('detects an edited row, and names it', async () => {
    await db().execute(sql`update audit_log set after = '{"n": 999}'::jsonb where seq = 4`);
    const v = await verifyAuditChain(db());
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({ seq: 4, problem: expect.stringContaining('edited') });
  });

  it('detects a deleted row and a trimmed tail', async () => {
    await db().execute(sql`delete from audit_log where seq = 5`);
    let v = await verifyAuditChain(db());
    expect(v.problems.some((p) => p.seq === 6 && p.problem.includes('missing'))).toBe(true);
    await db().execute(sql`delete from audit_log where seq = 7`);
    v = await verifyAuditChain(db());
    expect(v.problems.some((p) => p.problem.includes('rows at the end were deleted'))).toBe(true);
  });

  it('keeps appends chained under concurrency', async () => {
    const fresh = await createTestContext({ demo: false });
    await Promise.all(Array.from({ length: 20 }, (_, i) => fresh.ctx.db.transaction((tx) => appendAudit(tx, null, { action: 'test.concurrent', objectType: 'thing', objectId: String(i) }))));
    const v = await verifyAuditChain(fresh.ctx.db);
    expect(v).toMatchObject({ ok: true, rows: 22 });
    await fresh.dispose();
  });
});
