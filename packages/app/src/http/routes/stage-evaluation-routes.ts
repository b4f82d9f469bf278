import { z } from 'zod';
import { decisionLetterFacts, decisionLetterPdf, letterFileName } from '../../stage-evaluation/decision-letter.ts';
import { NoKoreanFontError } from '../../documents/korean-pdf.ts';
import { gpuCount } from '../input-limits.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { canStageEvaluation, type StageEvaluationAction } from '../../policies/stage-evaluation-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import type { StageMutation } from '../../stage-evaluation/mutation.ts';
import { changeScheme, evaluationsOfMember, loadEvaluation, openStageEvaluation } from '../../stage-evaluation/evaluation-store.ts';
import { findTeam, putExpertScores, putGateDeclaration, putGateRuling, putMeasurements, putStageGoals } from '../../stage-evaluation/inputs-store.ts';
import { parseMeasurementCsv } from '../../stage-evaluation/measurement-csv.ts';
import { confirmDecision } from '../../stage-evaluation/decision.ts';
import { publishResults } from '../../stage-evaluation/publication.ts';
import { fileAppeal, resolveAppeal } from '../../stage-evaluation/appeals.ts';
import { isTaskMember } from '../../tasks/task-membership.ts';
import { evaluationView, listView, teamView } from '../../stage-evaluation/views.ts';
import { pullBenchmarkRatios } from '../../stage-evaluation/pull-benchmarks.ts';
import { pullUserEvaluation } from '../../stage-evaluation/pull-user-evaluation.ts';
import { evidenceReport } from '../../stage-evaluation/gate-evidence.ts';
import { seesDecision, UNDER_EVALUATION } from '../../policies/publication-policy.ts';
import { listSeats, putSeats, seatOf, seatedEvaluationIds } from '../../stage-evaluation/expert-seats.ts';
import { renderReportHtml } from '../../provenance/index.ts';

const mode = z.enum(['validate', 'preview', 'commit']);
const idParam = z.object({ id: z.string().min(1).max(80) });
const teamParam = idParam.extend({ team: z.string().min(1).max(80) });
const gateParam = teamParam.extend({ gate: z.string().min(1).max(80) });
const localized = z.object({ ko: z.string().max(4000), en: z.string().max(4000) });
const measurementSource = z.enum(['manual', 'import', 'evaluation-store', 'review', 'arena', 'likert']);

/** Maps a stage-evaluation mutation to HTTP: 422 invalid (naming the field), 409 conflict, 200 otherwise. */
function send<P>(result: StageMutation<P>) {
  if (result.status === 'invalid') throw invalid(result.issues);
  if (result.status === 'conflict') throw new ApiError(409, 'conflict', result.message, 'expectedRevision');
  return result;
}

const allow = (action: StageEvaluationAction) => (a: Actor | null) => canStageEvaluation(a, action);

/** What a seated panel member sees: the evaluation, its teams and expert components, and only their own scores. */
function expertView(view: NonNullable<Awaited<ReturnType<typeof evaluationView>>>, seat: string) {
  return {
    evaluation: view.evaluation,
    scheme: view.scheme,
    rules: { expertPanel: view.rules.expertPanel },
    teams: view.teams,
    seat,
    inputs: { expertScores: view.inputs.expertScores.filter((s) => s.expert === seat) },
  };
}

/** The team-level check after the route's coarse one: 404 for an unknown evaluation or team, then membership. */
async function requireTeamAccess(ctx: AppContext, actor: Actor, id: string, team: string, action: StageEvaluationAction) {
  const loaded = await loadEvaluation(ctx.db, id);
  if (!loaded) throw notFound('stage evaluation');
  const task = findTeam(loaded, team);
  if (!task) throw notFound('team');
  const isMember = await isTaskMember(ctx.db, actor, task.id);
  if (!canStageEvaluation(actor, action, { isMember })) throw forbidden();
  return { loaded, task };
}

export const stageEvaluationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const tags = ['stage evaluations'];

  app.get('/api/v1/stage-evaluations', { config: { authorize: allow('list') }, schema: { tags, summary: 'Stage evaluations, newest first (for a panel member, those they sit on)', querystring: z.object({ program: z.string().max(80).optional() }) } }, async (req) => {
    const all = await listView(ctx.db, req.query.program);
    if (req.actor!.role === 'operator') return { evaluations: all };
    const seated = await seatedEvaluationIds(ctx.db, req.actor!.id);
    return { evaluations: all.filter((e) => seated.has(e.id)) };
  });

  app.post(
    '/api/v1/stage-evaluations',
    {
      config: { authorize: allow('open') },
      schema: {
        tags,
        summary: 'Open a stage evaluation: freezes the program scheme as version 1 and fixes its teams',
        body: z.object({
          program: z.string().min(1).max(80),
          stageKey: z.string().min(1).max(80),
          nextPhaseKey: z.string().max(80).optional(),
          name: localized.optional(),
          periodStart: z.string().max(10),
          periodEnd: z.string().max(10),
          rules: z.unknown().optional(),
          teams: z.array(z.string().max(80)).max(200).optional(),
          mode,
        }),
      },
    },
    async (req) => send(await openStageEvaluation(ctx.db, req.actor, req.body, req.body.mode)),
  );

  app.get('/api/v1/stage-evaluations/:id', { config: { authorize: allow('read') }, schema: { tags, params: idParam, summary: 'One stage evaluation: inputs, results, proposal, decision, appeals; a seated panel member sees only what they score' } }, async (req) => {
    const actor = req.actor!;
    const seat = actor.role === 'operator' ? null : await seatOf(ctx.db, req.params.id, actor.id);
    // a reviewer without a seat learns nothing, not even that the evaluation exists
    if (!canStageEvaluation(actor, 'read', { seat })) throw notFound('stage evaluation');
    const view = await evaluationView(ctx.db, req.params.id);
    if (!view) throw notFound('stage evaluation');
    if (actor.role === 'operator') return { ...view, experts: await listSeats(ctx.db, req.params.id), seat: null };
    return expertView(view, seat!);
  });

  app.put(
    '/api/v1/stage-evaluations/:id/experts',
    {
      config: { authorize: allow('seatExperts') },
      schema: {
        tags,
        params: idParam,
        summary: 'Seat the panel members who have accounts, each under the label their scores carry (replaces the seats)',
        body: z.object({ seats: z.array(z.object({ email: z.string().min(1).max(320), label: z.string().max(80) })).max(100), mode }),
      },
    },
    async (req) => send(await putSeats(ctx.db, req.actor!, req.params.id, req.body.seats, req.body.mode)),
  );

  app.post(
    '/api/v1/stage-evaluations/:id/scheme-versions',
    {
      config: { authorize: allow('changeScheme') },
      schema: {
        tags,
        params: idParam,
        summary: 'Change the frozen scheme: a new version with a published reason',
        body: z.object({ scheme: z.unknown(), rules: z.unknown().optional(), reason: localized, expectedRevision: z.number().int().positive(), mode }),
      },
    },
    async (req) => send(await changeScheme(ctx.db, req.actor!, req.params.id, req.body, req.body.mode)),
  );

  const measurementEntry = z.object({
    team: z.string().min(1).max(80),
    component: z.string().min(1).max(80),
    value: z.number(),
    source: measurementSource.optional(),
    sourceRef: z.string().max(500).optional(),
    note: z.string().max(2000).optional(),
  });
  app.put(
    '/api/v1/stage-evaluations/:id/measurements',
    {
      config: { authorize: allow('enterMeasurements') },
      schema: { tags, params: idParam, summary: 'Enter benchmark ratios, user-evaluation scores or panel means per team and component', body: z.object({ entries: z.array(measurementEntry).min(1).max(2000), mode }) },
    },
    async (req) => send(await putMeasurements(ctx.db, req.actor!, req.params.id, req.body.entries, req.body.mode)),
  );

  app.post(
    '/api/v1/stage-evaluations/:id/measurements/import',
    {
      config: { authorize: allow('enterMeasurements') },
      schema: {
        tags,
        params: idParam,
        summary: 'Import measurements from CSV (team,component,value[,note])',
        body: z.object({ csv: z.string().min(1).max(1_000_000), fileName: z.string().max(200).optional(), source: measurementSource.optional(), mode }),
      },
    },
    async (req) => {
      const parsed = parseMeasurementCsv(req.body.csv);
      if (!parsed.ok) throw invalid(parsed.issues);
      const entries = parsed.entries.map((e) => ({ ...e, source: req.body.source ?? ('import' as const), sourceRef: req.body.fileName }));
      return send(await putMeasurements(ctx.db, req.actor!, req.params.id, entries, req.body.mode));
    },
  );

  app.post(
    '/api/v1/stage-evaluations/:id/pulls/benchmarks',
    {
      config: { authorize: allow('enterMeasurements') },
      schema: {
        tags,
        params: idParam,
        summary: "Pull benchmark ratios from the evaluation store's stored comparisons (suite = stage), per category mapped in the frozen scoring rules",
        body: z.object({ mode }),
      },
    },
    async (req) => send(await pullBenchmarkRatios(ctx.db, req.actor!, req.params.id, req.body.mode)),
  );

  app.post(
    '/api/v1/stage-evaluations/:id/pulls/user-evaluation',
    {
      config: { authorize: allow('enterMeasurements') },
      schema: {
        tags,
        params: idParam,
        summary: "Pull user-evaluation scores from the stage's arenas (ratings or Likert means, converted by the frozen scheme)",
        // replacing Likert means with ratings commits only with the frozen conversion named here
        body: z.object({ mode, conversion: z.string().max(40).optional() }),
      },
    },
    async (req) => send(await pullUserEvaluation(ctx.db, req.actor!, req.params.id, req.body.mode, { conversion: req.body.conversion })),
  );

  app.get(
    '/api/v1/stage-evaluations/:id/gate-evidence/:evidenceId/report.html',
    {
      config: { authorize: allow('ruleGate') },
      schema: {
        tags,
        params: idParam.extend({ evidenceId: z.string().max(80) }),
        querystring: z.object({ lang: z.enum(['ko', 'en']).default('ko') }),
        summary: 'A provenance report attached as gate evidence to a team of this evaluation, for those who rule the gate',
      },
    },
    async (req, reply) => {
      const loaded = await loadEvaluation(ctx.db, req.params.id);
      if (!loaded) throw notFound('stage evaluation');
      const found = await evidenceReport(ctx.db, loaded, req.params.evidenceId);
      if (!found) throw notFound('gate evidence');
      if (!found.report) throw new ApiError(409, 'not_ready', 'the comparison has not finished; there is no report yet', 'status');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderReportHtml(found.report, req.query.lang));
    },
  );

  app.put(
    '/api/v1/stage-evaluations/:id/expert-scores',
    {
      config: { authorize: allow('enterExpertScores') },
      schema: {
        tags,
        params: idParam,
        summary: "Enter panel members' scores; the component takes their trimmed mean",
        body: z.object({ entries: z.array(z.object({ team: z.string().min(1).max(80), component: z.string().min(1).max(80), expert: z.string().max(80), score: z.number() })).min(1).max(2000), mode }),
      },
    },
    async (req) => {
      const actor = req.actor!;
      if (actor.role !== 'operator') {
        const loaded = await loadEvaluation(ctx.db, req.params.id);
        const seat = loaded ? await seatOf(ctx.db, req.params.id, actor.id) : null;
        if (!loaded || !seat) throw notFound('stage evaluation');
        const context = { seat, open: loaded.evaluation.status === 'open', experts: req.body.entries.map((e) => e.expert) };
        if (!canStageEvaluation(actor, 'enterExpertScores', context)) throw forbidden();
      }
      return send(await putExpertScores(ctx.db, actor, req.params.id, req.body.entries, req.body.mode));
    },
  );

  app.get(
    '/api/v1/stage-evaluations/:id/teams/:team/letter.pdf',
    { config: { authorize: allow('readTeam') }, schema: { tags, params: teamParam, summary: "A published decision as the team's official letter: a Korean page, then an English page (times in Asia/Seoul)" } },
    async (req, reply) => {
      const { loaded } = await requireTeamAccess(ctx, req.actor!, req.params.id, req.params.team, 'readTeam');
      // before publication the team may not learn its outcome, so there is no letter yet
      if (loaded.evaluation.status !== 'published') throw new ApiError(409, 'not_published', 'the decision is not published yet; its letter exists once it is', 'status');
      const facts = await decisionLetterFacts(ctx.db, req.params.id, req.params.team);
      if (!facts) throw notFound('decision for this team');
      try {
        const pdf = await decisionLetterPdf(facts);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${letterFileName(facts)}"`).send(pdf);
      } catch (e) {
        if (e instanceof NoKoreanFontError) throw new ApiError(503, 'no_korean_font', e.message);
        throw e;
      }
    },
  );

  app.get('/api/v1/stage-evaluations/:id/teams/:team', { config: { authorize: allow('readTeam') }, schema: { tags, params: teamParam, summary: "A team's own view: declarations, rulings, result, appeals" } }, async (req) => {
    const { loaded } = await requireTeamAccess(ctx, req.actor!, req.params.id, req.params.team, 'readTeam');
    const view = (await teamView(ctx.db, req.params.id, req.params.team))!;
    if (seesDecision(req.actor, loaded.evaluation.status === 'published')) return { ...view, decision: view.outcome ? 'decided' : UNDER_EVALUATION };
    // issue 12 item 8: until the office publishes, the team learns neither its result nor the rulings behind it
    return {
      ...view,
      evaluation: { ...view.evaluation, status: UNDER_EVALUATION },
      gates: view.gates.map((g) => ({ ...g, passed: null, reason: null })),
      goals: view.goals.map((g) => ({ ...g, met: null })),
      result: null,
      outcome: null,
      appealClosesAt: null,
      decision: UNDER_EVALUATION,
    };
  });

  app.put(
    '/api/v1/stage-evaluations/:id/teams/:team/goals',
    {
      config: { authorize: allow('checkGoals') },
      schema: {
        tags,
        params: teamParam,
        summary: 'The stage goals declared in the proposal, each marked met / not met with evidence',
        body: z.object({ component: z.string().min(1).max(80), goals: z.array(z.object({ goal: z.string().max(2000), met: z.boolean().nullable(), evidence: z.string().max(4000).optional() })).max(100), mode }),
      },
    },
    async (req) => send(await putStageGoals(ctx.db, req.actor!, req.params.id, req.params.team, req.body.component, req.body.goals, req.body.mode)),
  );

  app.put(
    '/api/v1/stage-evaluations/:id/teams/:team/gates/:gate/declaration',
    {
      config: { authorize: allow('declareGate') },
      schema: {
        tags,
        params: gateParam,
        summary: "The team's declaration for a gate with evidence links (e.g. a provenance report)",
        body: z.object({
          items: z.record(z.string().max(80), z.boolean()),
          statement: z.string().max(8000),
          evidence: z.array(z.object({ label: z.string().max(200), url: z.string().max(2000) })).max(50),
          mode,
        }),
      },
    },
    async (req) => {
      await requireTeamAccess(ctx, req.actor!, req.params.id, req.params.team, 'declareGate');
      return send(await putGateDeclaration(ctx.db, req.actor!, req.params.id, req.params.team, req.params.gate, req.body, req.body.mode));
    },
  );

  app.put(
    '/api/v1/stage-evaluations/:id/teams/:team/gates/:gate/ruling',
    {
      config: { authorize: allow('ruleGate') },
      schema: { tags, params: gateParam, summary: "The panel's pass/fail ruling on a gate, with reasons", body: z.object({ passed: z.boolean(), reason: z.object({ ko: z.string().max(4000), en: z.string().max(4000).optional() }), mode }) },
    },
    async (req) => send(await putGateRuling(ctx.db, req.actor!, req.params.id, req.params.team, req.params.gate, req.body, req.body.mode)),
  );

  app.post(
    '/api/v1/stage-evaluations/:id/decision',
    {
      config: { authorize: allow('decide') },
      schema: {
        tags,
        params: idParam,
        summary: 'Confirm the proposed decision or depart from it with a reason; commit applies it to allocations and Slurm',
        body: z.object({
          decidedOn: z.string().max(10).optional(),
          overrides: z.record(z.string().max(80), z.enum(['continue', 'eliminate'])).optional(),
          departureReason: z.string().max(8000).optional(),
          retroactiveReason: z.string().max(8000).optional(),
          // only where the program lets the office decide: GPUs per pool key, then per remaining team key
          redistribution: z.object({ amounts: z.record(z.string().max(80), z.record(z.string().max(80), gpuCount)) }).optional(),
          expectedRevision: z.number().int().positive(),
          mode,
        }),
      },
    },
    async (req) => send(await confirmDecision(ctx.db, req.actor!, req.params.id, req.body, req.body.mode)),
  );

  app.post(
    '/api/v1/stage-evaluations/:id/publish',
    { config: { authorize: allow('publish') }, schema: { tags, params: idParam, summary: 'Publish the confirmed results as public record', body: z.object({ mode }) } },
    async (req) => send(await publishResults(ctx.db, req.actor!, req.params.id, req.body.mode)),
  );

  app.post(
    '/api/v1/stage-evaluations/:id/appeals',
    {
      config: { authorize: allow('fileAppeal') },
      schema: { tags, params: idParam, summary: 'A team member appeals the decision within the appeal window', body: z.object({ team: z.string().min(1).max(80), grounds: z.string().max(8000), mode }) },
    },
    async (req) => {
      await requireTeamAccess(ctx, req.actor!, req.params.id, req.body.team, 'fileAppeal');
      return send(await fileAppeal(ctx.db, req.actor!, req.params.id, req.body, req.body.mode));
    },
  );

  app.post(
    '/api/v1/stage-evaluations/:id/appeals/:appealId/resolution',
    {
      config: { authorize: allow('resolveAppeal') },
      schema: { tags, params: idParam.extend({ appealId: z.string().max(80) }), summary: 'Resolve an appeal with a reason', body: z.object({ outcome: z.enum(['upheld', 'rejected']), reason: z.string().max(8000), mode }) },
    },
    async (req) => send(await resolveAppeal(ctx.db, req.actor!, req.params.id, req.params.appealId, req.body, req.body.mode)),
  );

  app.get('/api/v1/my/stage-evaluation-teams', { config: { authorize: allow('listOwnTeams') }, schema: { tags, summary: 'The stage evaluations in which the signed-in account is a team member' } }, async (req) => {
    const rows = await evaluationsOfMember(ctx.db, req.actor!.id);
    const published = (status: string) => seesDecision(req.actor, status === 'published');
    return { teams: rows.map((r) => (published(r.status) ? r : { ...r, status: UNDER_EVALUATION })) };
  });
};
