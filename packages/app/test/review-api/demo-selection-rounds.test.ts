import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let cookie = '';
beforeAll(async () => {
  t = await createTestServer();
  cookie = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 60_000);
afterAll(() => t.dispose());

describe('the demo selection in rounds (K-AI 2025: documents 15 → 10, then a presentation)', () => {
  it('shows the documents round closed with its shortlist and the presentation open to the ten who passed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/review/calls/k-ai/2025-call', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.applications).toHaveLength(15);
    const [documents, presentation] = body.rounds;
    expect(documents).toMatchObject({
      key: 'documents',
      state: 'closed',
      entrants: 15,
      passed: 10,
      left: 5,
      tied: 0,
      shortlist: { kind: 'top', count: 10, ties: 'all-pass' },
    });
    expect(presentation).toMatchObject({ key: 'presentation', state: 'open', entrants: 10, assigned: 0 });
    const ranking = (await t.app.inject({ method: 'GET', url: '/api/v1/review/calls/k-ai/2025-call/ranking', headers: { cookie } })).json();
    expect(
      ranking.rows
        .filter((r: { leftRound: { key: string } | null }) => r.leftRound?.key === 'documents')
        .map((r: { receiptNo: string }) => r.receiptNo)
        .sort(),
    ).toEqual(['KAI-2025-0011', 'KAI-2025-0012', 'KAI-2025-0013', 'KAI-2025-0014', 'KAI-2025-0015']);
  });

  it('opens the review desk on the latest call with applications (specialized-fm), not on K-AI’s past one', async () => {
    const { calls } = (await t.app.inject({ method: 'GET', url: '/api/v1/review/calls', headers: { cookie } })).json() as {
      calls: { program: string; call: string; opens: string; submitted: number }[];
    };
    const latest = calls.filter((c) => c.submitted > 0).sort((a, b) => b.opens.localeCompare(a.opens))[0]!;
    expect(`${latest.program}/${latest.call}`).toBe('specialized-fm/2025-call');
  });
});
