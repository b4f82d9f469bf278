import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, evaluationComparisons, stageEvaluationMeasurements, tasks } from '../../src/db/schema/index.ts';
import { getSuite, listBenchmarks } from '../../src/evaluation/catalog.ts';
import { compareRun, planRun, storeRun } from '../../src/evaluation/results-import.ts';
import { demoFrontier, demoHarnessResults } from '../../src/seed/demo-evaluation.ts';
import { userEvaluationPoints, userEvaluationValues } from '../../src/arena/user-evaluation-points.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';
import { derive, randomModel, writeModel } from '../provenance/model-fixtures.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let root: string;
const previousRoot = process.env.STAGEGATE_CHECKPOINTS;
const cookie: Record<string, string> = {};
let id = '';

type Who = 'operator' | 'reviewer' | 'applicant' | 'evaluator';
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null, raw: res };
}
const view = async () => (await call('operator', 'GET', `/api/v1/stage-evaluations/${id}`)).body;
const taskId = async (key: string) => (await t.ctx.db.select().from(tasks).where(eq(tasks.key, key)))[0]!.id;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sg-stage-ckpt-'));
  process.env.STAGEGATE_CHECKPOINTS = root;
  const base = randomModel(1);
  await writeModel(root, 'base', base);
  await writeModel(root, 'naver-candidate', derive(base, 3, 0.05));
  t = await createTestServer();
  for (const who of ['operator', 'reviewer', 'applicant', 'evaluator'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const list = await call('operator', 'GET', '/api/v1/stage-evaluations?program=k-ai');
  id = list.body.evaluations.find((e: { stageKey: string }) => e.stageKey === 'stage-1').id;
}, 60_000);
afterAll(async () => {
  await t.dispose();
  if (previousRoot === undefined) delete process.env.STAGEGATE_CHECKPOINTS;
  else process.env.STAGEGATE_CHECKPOINTS = previousRoot;
  await rm(root, { recursive: true, force: true });
});

/** The plain mean of the stored comparison's ratios over the benchmarks of one category (equal weights within a category). */
async function categoryMean(comparisonId: string, category: string): Promise<number> {
  const [c] = await t.ctx.db.select().from(evaluationComparisons).where(eq(evaluationComparisons.id, comparisonId));
  const categoryOf = new Map((await listBenchmarks(t.ctx.db, 'k-ai')).map((b) => [b.name, b.category]));
  const ratios = c!.detail.suite.benchmarks.filter((b) => categoryOf.get(b.name) === category).map((b) => b.ratio);
  return ratios.reduce((s, r) => s + r, 0) / ratios.length;
}

describe('pulling stage-evaluation inputs from the services beside it', () => {
  it('pulls benchmark ratios from the stored comparisons of the stage suite, previewed first, then committed and audited', async () => {
    // a second team hands in results for the stage-1 suite (the demo already holds one run for kai-naver)
    const lg = (await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'kai-lg')))[0]!;
    const suite = (await getSuite(t.ctx.db, 'k-ai', 'stage-1'))!;
    const benchmarks = await listBenchmarks(t.ctx.db, 'k-ai');
    const text = demoHarnessResults(benchmarks, await demoFrontier(t.ctx, suite.evaluationDate), { level: 0.9, seed: 5, model: 'lg-exaone-demo' });
    const { plan } = planRun(suite, benchmarks, { results: { fileName: 'lg-results.json', text }, samples: [] });
    await storeRun(t.ctx.db, null, lg, plan!, await compareRun(t.ctx.db, lg, plan!, benchmarks));

    expect((await call('evaluator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/benchmarks`, { mode: 'preview' })).status).toBe(403);
    const preview = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/benchmarks`, { mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body.status).toBe('preview');
    expect(preview.body.suite).toBe('stage-1');
    const teamsPulled = [...new Set(preview.body.pulled.map((p: { team: string }) => p.team))].sort();
    expect(teamsPulled).toEqual(['kai-lg', 'kai-naver']);
    // the teams without a stored comparison keep their entered values and say why
    const skippedTeams = [...new Set(preview.body.skipped.map((s: { team: string }) => s.team))].sort();
    expect(skippedTeams).toEqual(['kai-nc', 'kai-skt', 'kai-upstage']);
    expect(preview.body.skipped[0].reason.en).toContain('no stored comparison for suite stage-1');

    const lgCommon = preview.body.pulled.find((p: { team: string; component: string }) => p.team === 'kai-lg' && p.component === 'common-benchmarks');
    expect(lgCommon.category).toBe('common');
    expect(lgCommon.ratio).toBeCloseTo(await categoryMean(lgCommon.comparisonId, 'common'), 12);
    const lgNia = preview.body.pulled.find((p: { team: string; component: string }) => p.team === 'kai-lg' && p.component === 'nia-benchmark');
    expect(lgNia.benchmarks).toEqual(['nia_kor_bench']);
    expect(preview.body.changes.find((c: { team: string; component: string }) => c.team === 'kai-lg' && c.component === 'nia-benchmark')).toEqual({
      team: 'kai-lg',
      component: 'nia-benchmark',
      before: 0.86,
      after: lgNia.ratio,
    });
    // a preview writes nothing
    expect(
      (await view()).inputs.measurements.find((m: { team: string; component: string }) => m.team === 'kai-lg' && m.component === 'nia-benchmark').value,
    ).toBe(0.86);

    const done = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/benchmarks`, { mode: 'commit' });
    expect(done.body.status).toBe('committed');
    const v = await view();
    const stored = v.inputs.measurements.find((m: { team: string; component: string }) => m.team === 'kai-lg' && m.component === 'common-benchmarks');
    expect(stored).toMatchObject({ value: lgCommon.ratio, source: 'evaluation-store', sourceRef: `evaluation-comparison:${lgCommon.comparisonId}` });
    // the results use the pulled ratio
    const lgResult = v.results.find((r: { team: string }) => r.team === 'kai-lg');
    const bench = lgResult.components.find((c: { key: string }) => c.key === 'benchmarks');
    expect(bench.children.find((c: { key: string }) => c.key === 'common-benchmarks').measured).toBe(lgCommon.ratio);
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'stageEvaluation.measurements.pull.benchmarks')))
      .orderBy(auditLog.seq);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain(`evaluation-comparison:${lgCommon.comparisonId}`);

    // pulling again changes nothing
    const again = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/benchmarks`, { mode: 'preview' });
    expect(again.body.changes).toEqual([]);
  });

  it('refuses a benchmark pull when the frozen scoring rules map no component to a category', async () => {
    const opened = await call('operator', 'POST', '/api/v1/stage-evaluations', {
      program: 'k-ai',
      stageKey: 'stage-2',
      periodStart: '2026-08-01',
      periodEnd: '2026-08-20',
      teams: ['kai-lg', 'kai-skt'],
      mode: 'commit',
    });
    expect(opened.status).toBe(200);
    const res = await call('operator', 'POST', `/api/v1/stage-evaluations/${opened.body.id}/pulls/benchmarks`, { mode: 'preview' });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('rules.benchmarkCategories');
  });

  it("pulls user-evaluation scores from the stage's arena: the values the scheme converts, with the arena's points beside them", async () => {
    const before = await view();
    expect(before.issues.map((i: { field: string }) => i.field)).toContain('kai-nc.userEvaluation.user-evaluation');
    // issue 13 item 5: missing is not zero — no proposal (and no P(last)) while kai-nc's score is missing
    expect(before.proposal.items).toEqual([]);
    expect(before.proposal.incomplete.map((m: { en: string }) => m.en)).toEqual(["kai-nc has no input for 'User evaluation'"]);
    expect(before.probabilityLast).toBeNull();
    const preview = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/user-evaluation`, { mode: 'preview' });
    expect(preview.status).toBe(200);
    const values = (await userEvaluationValues(t.ctx.db, id))!;
    const points = (await userEvaluationPoints(t.ctx.db, id))!;
    const nc = await taskId('kai-nc');
    const pulledNc = preview.body.pulled.find((p: { team: string }) => p.team === 'kai-nc');
    expect(pulledNc).toMatchObject({
      component: 'user-evaluation',
      kind: 'pairwise',
      value: values[nc]!['user-evaluation'],
      arenaPoints: points[nc]!['user-evaluation'],
    });
    expect(preview.body.pulled).toHaveLength(5);
    // the demo arena converts ratings by expected score against the best, the frozen scheme proportionally: said, not hidden
    expect(preview.body.conversionWarning.en).toContain("the scheme's conversion applies");
    const best = Math.max(...preview.body.pulled.map((p: { value: number }) => p.value));
    expect(pulledNc.stagePoints).toBeCloseTo((25 * pulledNc.value) / best, 9);
    expect((await view()).issues.map((i: { field: string }) => i.field)).toContain('kai-nc.userEvaluation.user-evaluation');

    // issue 13 item 5: the ratings replace four Likert means, so the preview names the conversion and the commit must too
    expect(preview.body.conversion.kind).toBe('proportionalToBest');
    expect(preview.body.conversion.description.ko).toContain('비례 환산');
    expect(preview.body.replacesLikert.map((r: { team: string }) => r.team).sort()).toEqual(['kai-lg', 'kai-naver', 'kai-skt', 'kai-upstage']);
    expect(preview.body.replacesLikert.find((r: { team: string }) => r.team === 'kai-lg')).toMatchObject({ component: 'user-evaluation', likertMean: 4.41 });
    const unnamed = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/user-evaluation`, { mode: 'commit' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.error.field).toBe('conversion');
    const wrong = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/user-evaluation`, {
      mode: 'commit',
      conversion: 'expectedScoreVsBest',
    });
    expect(wrong.body.error.field).toBe('conversion');
    expect((await view()).issues.map((i: { field: string }) => i.field)).toContain('kai-nc.userEvaluation.user-evaluation');

    const done = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/user-evaluation`, { mode: 'commit', conversion: 'proportionalToBest' });
    expect(done.body.status).toBe('committed');
    const v = await view();
    expect(v.proposal.items).toHaveLength(5);
    expect(v.issues.map((i: { field: string }) => i.field)).not.toContain('kai-nc.userEvaluation.user-evaluation');
    const rows = await t.ctx.db
      .select()
      .from(stageEvaluationMeasurements)
      .where(and(eq(stageEvaluationMeasurements.evaluationId, id), eq(stageEvaluationMeasurements.componentKey, 'user-evaluation')));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.source === 'arena' && r.sourceRef === `arena:${pulledNc.arenaId}`)).toBe(true);
    expect(
      await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'stageEvaluation.measurements.pull.userEvaluation')).orderBy(auditLog.seq),
    ).toHaveLength(1);
  });

  it('lists the provenance reports attached as gate evidence on the gate, with a report link the panel can open', async () => {
    const started = await call('evaluator', 'POST', '/api/v1/provenance/comparisons', {
      candidate: 'naver-candidate.safetensors',
      references: ['base.safetensors'],
      label: 'naver vs base',
      mode: 'commit',
    });
    expect(started.status).toBe(202);
    await runNextJob(t.ctx, 'test-worker', { progressEveryMs: 0 });
    const naver = await taskId('kai-naver');
    const attach = (stageKey: string) =>
      call('evaluator', 'POST', `/api/v1/provenance/comparisons/${started.body.comparisonId}/evidence`, {
        taskId: naver,
        stageKey,
        gateKey: 'originality',
        note: '인코더 가중치 비교',
      });
    expect((await attach('stage-1')).status).toBe(201);
    expect((await attach('stage-2')).status).toBe(201);

    const reports = (await view()).inputs.provenanceReports;
    expect(reports).toHaveLength(1); // only the evidence for this evaluation's stage
    const [r] = reports;
    expect(r).toMatchObject({
      team: 'kai-naver',
      gateKey: 'originality',
      comparisonId: started.body.comparisonId,
      label: 'naver vs base',
      note: '인코더 가중치 비교',
      ready: true,
    });
    const comparison = (await call('evaluator', 'GET', `/api/v1/provenance/comparisons/${started.body.comparisonId}`)).body;
    expect(comparison.verdict).not.toBeNull();
    expect(r.verdict).toBe(comparison.verdict);
    expect(r.reportUrl).toBe(`/api/v1/stage-evaluations/${id}/gate-evidence/${r.id}/report.html`);

    // the office rules the gate, so it reads the report here; a reviewer reads it nowhere (issue 12 item 1)
    expect((await call('reviewer', 'GET', `/api/v1/provenance/comparisons/${started.body.comparisonId}/report.html`)).status).toBe(403);
    expect((await call('reviewer', 'GET', r.reportUrl)).status).toBe(403);
    const html = await call('operator', 'GET', `${r.reportUrl}?lang=en`);
    expect(html.status).toBe(200);
    expect(html.raw.headers['content-type']).toContain('text/html');
    expect(html.raw.body).toContain('naver-candidate');
    expect((await call('applicant', 'GET', r.reportUrl)).status).toBe(403);
    // evidence of another stage is not reachable through this evaluation
    const other = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'gate.evidence.attach')).orderBy(auditLog.seq);
    const otherId = other.map((a) => a.after as { evidenceId: string; stageKey: string }).find((a) => a.stageKey === 'stage-2')!.evidenceId;
    expect((await call('operator', 'GET', `/api/v1/stage-evaluations/${id}/gate-evidence/${otherId}/report.html`)).status).toBe(404);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  }, 60_000);

  it('refuses pulls once the decision is confirmed', async () => {
    const teams = await t.ctx.db
      .select()
      .from(tasks)
      .where(inArray(tasks.key, ['kai-naver']));
    expect(teams).toHaveLength(1);
    await call('operator', 'PUT', `/api/v1/stage-evaluations/${id}/teams/kai-naver/gates/originality/ruling`, {
      passed: true,
      reason: { ko: '보고서 검토 결과 자체 초기화 확인' },
      mode: 'commit',
    });
    const v = await view();
    const decided = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/decision`, {
      decidedOn: '2026-01-15',
      retroactiveReason: '2026년 1월 공고 일정에 따른 소급 결정',
      expectedRevision: v.evaluation.revision,
      mode: 'commit',
    });
    expect(decided.body.status).toBe('committed');
    const late = await call('operator', 'POST', `/api/v1/stage-evaluations/${id}/pulls/user-evaluation`, { mode: 'preview' });
    expect(late.status).toBe(422);
    expect(late.body.error.field).toBe('status');
  });
});
