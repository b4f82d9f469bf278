import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, reviewConflicts, reviewerPool, mailOutbox, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// Issue 12 item 7: a reviewer who edits their affiliations does not clear a conflict already found.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'reviewer3']) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
}, 300_000);
afterAll(() => t.dispose());

describe('issue 12 item 7: conflicts survive a reviewer’s own affiliation edit', () => {
  it('keeps the conflict, records the change and tells the office', async () => {
    const [account] = await t.ctx.db.select().from(user).where(eq(user.email, 'reviewer3@demo.stagegate.kr'));
    const [entry] = await t.ctx.db.select().from(reviewerPool).where(eq(reviewerPool.userId, account!.id));
    const open = () =>
      t.ctx.db
        .select()
        .from(reviewConflicts)
        .where(and(eq(reviewConflicts.reviewerId, entry!.id), eq(reviewConflicts.stale, false)));
    const before = await open();
    expect(before.length).toBeGreaterThan(0); // 한빛대학교 is a consortium participant

    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/review/reviewers/${entry!.id}`,
      payload: { affiliations: [] },
      headers: { cookie: cookie.reviewer3! },
    });
    expect(res.statusCode).toBe(200);
    const detect = await t.app.inject({ method: 'POST', url: `${CALL}/conflicts/detect`, headers: { cookie: cookie.operator! } });
    expect(detect.statusCode).toBe(200);

    const after = await open();
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    expect(after.every((c) => c.heldSince !== null)).toBe(true);
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'reviewer.affiliations.change'));
    expect(audit!.objectId).toBe(entry!.id);
    expect((audit!.before as { affiliations: unknown[] }).affiliations).toEqual(entry!.affiliations);
    const notices = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'reviewer-affiliations-changed'));
    expect(notices.map((n) => n.toEmail)).toContain('operator@demo.stagegate.kr');
    expect(notices[0]!.body).toContain(`${before.length}건은 그대로 유지됩니다`);
  });
});
