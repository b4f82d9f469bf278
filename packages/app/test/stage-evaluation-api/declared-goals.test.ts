import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { applications, tasks } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// The office checks a team's stage goals goal by goal: the evaluation shows it the goals the team
// declared in the proposal its task was selected on, and none for a task without an application.
let t: Awaited<ReturnType<typeof createTestServer>>;
let cookie = '';

beforeAll(async () => {
  t = await createTestServer();
  cookie = await signIn(t.app, 'operator@demo.stagegate.kr');
});
afterAll(() => t.dispose());

describe("a stage evaluation's declared goals", () => {
  it("lists the goals of the team's selected proposal, and none for a task registered without one", async () => {
    const [application] = await t.ctx.db
      .select({ id: applications.id, proposal: applications.proposal })
      .from(applications)
      .where(sql`jsonb_array_length(${applications.proposal}->'stageGoals') > 0`)
      .limit(1);
    expect(application).toBeDefined();
    await t.ctx.db.insert(tasks).values([
      { programSlug: 'specialized-fm', key: 'sfmg-01', name: { ko: '목표 과제', en: 'Goals task' }, applicationId: application!.id },
      { programSlug: 'specialized-fm', key: 'sfmg-02', name: { ko: '등록 과제', en: 'Registered task' } },
    ]);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stage-evaluations',
      headers: { cookie },
      payload: {
        program: 'specialized-fm',
        stageKey: 'phase-1',
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        teams: ['sfmg-01', 'sfmg-02'],
        mode: 'commit',
      },
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const view = (await t.app.inject({ method: 'GET', url: `/api/v1/stage-evaluations/${opened.json().id}`, headers: { cookie } })).json();
    expect(view.inputs.declaredGoals).toEqual(
      application!.proposal.stageGoals!.map((g) => ({ team: 'sfmg-01', metric: g.metric, target: g.target, dueDate: g.dueDate ?? null })),
    );
  });
});
