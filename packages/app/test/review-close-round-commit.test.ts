import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestServer } from './support/test-context.ts';
import { OP, assignRound, callerFor, overviewOf, scoreAll, setUpTwoRounds, type App, type Caller, type Round } from './support/two-round-selection.ts';
import { closeRoundOptions, runCloseRound } from '../src/cli/commands/review-close-round.ts';
import { auditLog, user } from '../src/db/schema/index.ts';

/** `stagegate review close-round` on a round that can close: the CLI's work run in-process on a state built through the API. */
let t: Awaited<ReturnType<typeof createTestServer>>;
let call: Caller;
let apps: App[];
let documents: Round;
const points = new Map<string, number>();
const base = ['--program', 'specialized-fm', '--call', '2025-call', '--round', 'documents', '--as', OP];

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCloseRound(t.ctx.db, closeRoundOptions(argv), { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(async () => {
  t = await createTestServer();
  call = await callerFor(t.app);
  ({ apps, documents } = await setUpTwoRounds(call, { kind: 'top', count: 3, ties: 'all-pass' }));
  apps.forEach((a, i) => points.set(a.id, 90 - 10 * i));
  await assignRound(call, documents.id);
  await scoreAll(call, documents.id, (id) => points.get(id)!);
}, 180_000);
afterAll(() => t.dispose());

describe('stagegate review close-round, committing', () => {
  it('previews without --yes: who passes and who leaves, and nothing changes', async () => {
    const res = await cli(base);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Passes (3):');
    expect(res.stdout).toContain('Leaves (3):');
    expect(res.stdout).toContain('Preview: nothing changed');
    expect((await overviewOf(call)).rounds.find((r) => r.key === 'documents')!.state).toBe('open');
  });

  it('commits with --yes and --reason: the top three pass, the next round opens to them, the audit names the operator and the reason', async () => {
    const res = await cli([...base, '--yes', '--reason', '서면 평가 마감', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const body = JSON.parse(res.stdout) as { status: string; passes: { applicationId: string; score: number }[]; leaves: { score: number }[] };
    expect(body.status).toBe('committed');
    expect(body.passes.map((p) => p.score)).toEqual([90, 80, 70]);
    expect(body.leaves.map((p) => p.score)).toEqual([60, 50, 40]);
    expect(new Set(body.passes.map((p) => p.applicationId))).toEqual(new Set(apps.slice(0, 3).map((a) => a.id)));
    const rounds = (await overviewOf(call)).rounds;
    expect(rounds.find((r) => r.key === 'documents')).toMatchObject({ state: 'closed', passed: 3, left: 3 });
    expect(rounds.find((r) => r.key === 'presentation')).toMatchObject({ state: 'open', entrants: 3 });
    const [operator] = await t.ctx.db.select().from(user).where(eq(user.email, OP));
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.round.close'), eq(auditLog.objectId, documents.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: operator!.id, reason: '서면 평가 마감' });
  });

  it('refuses to close the same round twice: the first result is permanent', async () => {
    const again = await cli([...base, '--yes', '--reason', 'again']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('the Document review is closed');
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.round.close'), eq(auditLog.objectId, documents.id)));
    expect(audit).toHaveLength(1);
  });
});
