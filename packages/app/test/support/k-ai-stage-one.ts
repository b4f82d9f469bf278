import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { allocations, tasks } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from './test-context.ts';

/** The demo decides K-AI's first stage in January 2026, before the test runs: a past date needs its reason. */
export const RETRO = { retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정' };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/**
 * The K-AI demo's first stage evaluation, seen through the API by the people named (demo accounts,
 * `operator`, `applicant`, `nuri` …) and by anyone signed out (`anonymous`).
 */
export async function openKaiStageOne(people: readonly string[]) {
  const t = await createTestServer();
  const cookie: Record<string, string> = {};
  for (const who of people) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const call = async (who: string, method: Method, url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: who === 'anonymous' ? {} : { cookie: cookie[who]! } });
    return { status: res.statusCode, body: res.json() };
  };
  const list = await call('operator', 'GET', '/api/v1/stage-evaluations?program=k-ai');
  const id: string = list.body.evaluations.find((e: { stageKey: string }) => e.stageKey === 'stage-1').id;
  const at = (path = '') => `/api/v1/stage-evaluations/${id}${path}`;
  const view = async () => (await call('operator', 'GET', at())).body;

  return {
    t,
    id,
    call,
    view,
    /** GPUs a task holds on a day, summed over its allocations */
    gpusOf: async (key: string, day: string) => {
      const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, key));
      const rows = await t.ctx.db.select().from(allocations).where(eq(allocations.taskId, task!.id));
      return rows.filter((a) => a.startDate <= day && a.endDate >= day).reduce((s, a) => s + a.gpus, 0);
    },
    importMeasurements: (csv: string) => call('operator', 'POST', at('/measurements/import'), { csv, mode: 'commit' }),
    ruleGate: (team: string, gate: string, passed: boolean, reason: { ko: string; en: string }) =>
      call('operator', 'PUT', at(`/teams/${team}/gates/${gate}/ruling`), { passed, reason, mode: 'commit' }),
    decide: async (decidedOn: string, mode: 'preview' | 'commit') =>
      call('operator', 'POST', at('/decision'), { decidedOn, ...RETRO, expectedRevision: (await view()).evaluation.revision, mode }),
    /** decides on the day given and publishes, checking both were accepted */
    decideAndPublish: async (decidedOn: string) => {
      const decided = await call('operator', 'POST', at('/decision'), {
        decidedOn,
        ...RETRO,
        expectedRevision: (await view()).evaluation.revision,
        mode: 'commit',
      });
      expect(decided.status).toBe(200);
      expect((await call('operator', 'POST', at('/publish'), { mode: 'commit' })).status).toBe(200);
      return decided.body;
    },
    dispose: () => t.dispose(),
  };
}
