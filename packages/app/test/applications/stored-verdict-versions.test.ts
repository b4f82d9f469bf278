import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { applications } from '../../src/db/schema/index.ts';

// A verdict is frozen into the application at submission and read back for as long as the program
// runs. Verdicts frozen before "pending verification" existed have neither `pending` on their rules
// nor `pendingVerification`: reading such an application must still answer, not fail its contract.
let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
});
afterAll(() => t.dispose());

describe('verdicts stored by an earlier version', () => {
  it('an application whose frozen verdict predates pending verification is still served with that verdict', async () => {
    const [row] = await t.ctx.db
      .select({ id: applications.id, verdict: applications.verdict })
      .from(applications)
      .where(and(eq(applications.status, 'submitted'), isNotNull(applications.verdict)))
      .limit(1);
    expect(row, 'the demo has a submitted application with a frozen verdict').toBeDefined();
    const old = JSON.parse(JSON.stringify(row!.verdict)) as { rules: Record<string, unknown>[]; pendingVerification?: unknown };
    for (const rule of old.rules) delete rule.pending;
    delete old.pendingVerification;
    await t.ctx.db
      .update(applications)
      .set({ verdict: old as never })
      .where(eq(applications.id, row!.id));

    const res = await t.app.inject({ url: `/api/v1/applications/${row!.id}/eligibility`, headers: { cookie: operator } });
    expect(res.statusCode, res.body).toBe(200);
    const frozen = res.json().frozenVerdict;
    expect(frozen.rules.map((r: { id: string }) => r.id)).toEqual(old.rules.map((r) => r.id));
    expect(frozen.rules.every((r: { pending?: unknown }) => r.pending === undefined)).toBe(true);
  });
});
