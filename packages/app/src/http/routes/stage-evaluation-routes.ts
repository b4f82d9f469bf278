import { decisionLetterFacts, decisionLetterPdf, letterFileName } from '../../stage-evaluation/decision-letter.ts';
import { NoKoreanFontError } from '../../documents/korean-pdf.ts';
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
import { stageEvaluationsContract as c } from '@stagegate/core/contract/stage-evaluations';

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

export const stageEvaluationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['stage evaluations'];

    app.get(
      c.list.path,
      {
        config: { authorize: allow('list') },
        schema: { ...c.list.schema, tags, summary: 'Stage evaluations, newest first (for a panel member, those they sit on)' },
      },
      async (req) => {
        const all = await listView(ctx.db, req.query.program);
        if (req.actor!.role === 'operator') return { evaluations: all };
        const seated = await seatedEvaluationIds(ctx.db, req.actor!.id);
        return { evaluations: all.filter((e) => seated.has(e.id)) };
      },
    );

    app.post(
      c.open.path,
      {
        config: { authorize: allow('open') },
        schema: { ...c.open.schema, tags, summary: 'Open a stage evaluation: freezes the program scheme as version 1 and fixes its teams' },
      },
      async (req) => send(await openStageEvaluation(ctx.db, req.actor, req.body, req.body.mode)),
    );

    app.get(
      c.get.path,
      {
        config: { authorize: allow('read') },
        schema: {
          ...c.get.schema,
          tags,
          summary: 'One stage evaluation: inputs, results, proposal, decision, appeals; a seated panel member sees only what they score',
        },
      },
      async (req) => {
        const actor = req.actor!;
        const seat = actor.role === 'operator' ? null : await seatOf(ctx.db, req.params.id, actor.id);
        // a reviewer without a seat learns nothing, not even that the evaluation exists
        if (!canStageEvaluation(actor, 'read', { seat })) throw notFound('stage evaluation');
        const view = await evaluationView(ctx.db, req.params.id);
        if (!view) throw notFound('stage evaluation');
        if (actor.role === 'operator') return { ...view, experts: await listSeats(ctx.db, req.params.id), seat: null };
        return expertView(view, seat!);
      },
    );

    app.put(
      c.seatExperts.path,
      {
        config: { authorize: allow('seatExperts') },
        schema: {
          ...c.seatExperts.schema,
          tags,
          summary: 'Seat the panel members who have accounts, each under the label their scores carry (replaces the seats)',
        },
      },
      async (req) => send(await putSeats(ctx.db, req.actor!, req.params.id, req.body.seats, req.body.mode)),
    );

    app.post(
      c.changeScheme.path,
      {
        config: { authorize: allow('changeScheme') },
        schema: { ...c.changeScheme.schema, tags, summary: 'Change the frozen scheme: a new version with a published reason' },
      },
      async (req) => send(await changeScheme(ctx.db, req.actor!, req.params.id, req.body, req.body.mode)),
    );

    app.put(
      c.measurements.path,
      {
        config: { authorize: allow('enterMeasurements') },
        schema: { ...c.measurements.schema, tags, summary: 'Enter benchmark ratios, user-evaluation scores or panel means per team and component' },
      },
      async (req) => send(await putMeasurements(ctx.db, req.actor!, req.params.id, req.body.entries, req.body.mode)),
    );

    app.post(
      c.importMeasurements.path,
      {
        config: { authorize: allow('enterMeasurements') },
        schema: { ...c.importMeasurements.schema, tags, summary: 'Import measurements from CSV (team,component,value[,note])' },
      },
      async (req) => {
        const parsed = parseMeasurementCsv(req.body.csv);
        if (!parsed.ok) throw invalid(parsed.issues);
        const entries = parsed.entries.map((e) => ({ ...e, source: req.body.source ?? ('import' as const), sourceRef: req.body.fileName }));
        return send(await putMeasurements(ctx.db, req.actor!, req.params.id, entries, req.body.mode));
      },
    );

    app.post(
      c.pullBenchmarks.path,
      {
        config: { authorize: allow('enterMeasurements') },
        schema: {
          ...c.pullBenchmarks.schema,
          tags,
          summary: "Pull benchmark ratios from the evaluation store's stored comparisons (suite = stage), per category mapped in the frozen scoring rules",
        },
      },
      async (req) => send(await pullBenchmarkRatios(ctx.db, req.actor!, req.params.id, req.body.mode)),
    );

    app.post(
      c.pullUserEvaluation.path,
      {
        config: { authorize: allow('enterMeasurements') },
        schema: {
          ...c.pullUserEvaluation.schema,
          tags,
          summary: "Pull user-evaluation scores from the stage's arenas (ratings or Likert means, converted by the frozen scheme)",
        },
      },
      async (req) => send(await pullUserEvaluation(ctx.db, req.actor!, req.params.id, req.body.mode, { conversion: req.body.conversion })),
    );

    app.get(
      c.evidenceReport.path,
      {
        config: { authorize: allow('ruleGate') },
        schema: {
          ...c.evidenceReport.schema,
          tags,
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
      c.expertScores.path,
      {
        config: { authorize: allow('enterExpertScores') },
        schema: { ...c.expertScores.schema, tags, summary: "Enter panel members' scores; the component takes their trimmed mean" },
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
      c.letter.path,
      {
        config: { authorize: allow('readTeam') },
        schema: {
          ...c.letter.schema,
          tags,
          summary: "A published decision as the team's official letter: a Korean page, then an English page (times in Asia/Seoul)",
        },
      },
      async (req, reply) => {
        const { loaded } = await requireTeamAccess(ctx, req.actor!, req.params.id, req.params.team, 'readTeam');
        // before publication the team may not learn its outcome, so there is no letter yet
        if (loaded.evaluation.status !== 'published')
          throw new ApiError(409, 'not_published', 'the decision is not published yet; its letter exists once it is', 'status');
        const facts = await decisionLetterFacts(ctx.db, req.params.id, req.params.team);
        if (!facts) throw notFound('decision for this team');
        try {
          const pdf = await decisionLetterPdf(facts);
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${letterFileName(facts)}"`)
            .send(pdf);
        } catch (e) {
          if (e instanceof NoKoreanFontError) throw new ApiError(503, 'no_korean_font', e.message);
          throw e;
        }
      },
    );

    app.get(
      c.team.path,
      { config: { authorize: allow('readTeam') }, schema: { ...c.team.schema, tags, summary: "A team's own view: declarations, rulings, result, appeals" } },
      async (req) => {
        const { loaded } = await requireTeamAccess(ctx, req.actor!, req.params.id, req.params.team, 'readTeam');
        const view = (await teamView(ctx.db, req.params.id, req.params.team))!;
        if (seesDecision(req.actor, loaded.evaluation.status === 'published'))
          return { ...view, decision: view.outcome ? ('decided' as const) : UNDER_EVALUATION };
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
      },
    );

    app.put(
      c.goals.path,
      {
        config: { authorize: allow('checkGoals') },
        schema: { ...c.goals.schema, tags, summary: 'The stage goals declared in the proposal, each marked met / not met with evidence' },
      },
      async (req) => send(await putStageGoals(ctx.db, req.actor!, req.params.id, req.params.team, req.body.component, req.body.goals, req.body.mode)),
    );

    app.put(
      c.declaration.path,
      {
        config: { authorize: allow('declareGate') },
        schema: { ...c.declaration.schema, tags, summary: "The team's declaration for a gate with evidence links (e.g. a provenance report)" },
      },
      async (req) => {
        await requireTeamAccess(ctx, req.actor!, req.params.id, req.params.team, 'declareGate');
        return send(await putGateDeclaration(ctx.db, req.actor!, req.params.id, req.params.team, req.params.gate, req.body, req.body.mode));
      },
    );

    app.put(
      c.ruling.path,
      { config: { authorize: allow('ruleGate') }, schema: { ...c.ruling.schema, tags, summary: "The panel's pass/fail ruling on a gate, with reasons" } },
      async (req) => send(await putGateRuling(ctx.db, req.actor!, req.params.id, req.params.team, req.params.gate, req.body, req.body.mode)),
    );

    app.post(
      c.decide.path,
      {
        config: { authorize: allow('decide') },
        schema: {
          ...c.decide.schema,
          tags,
          summary: 'Confirm the proposed decision or depart from it with a reason; commit applies it to allocations and Slurm',
        },
      },
      async (req) => send(await confirmDecision(ctx.db, req.actor!, req.params.id, req.body, req.body.mode)),
    );

    app.post(
      c.publish.path,
      { config: { authorize: allow('publish') }, schema: { ...c.publish.schema, tags, summary: 'Publish the confirmed results as public record' } },
      async (req) => send(await publishResults(ctx.db, req.actor!, req.params.id, req.body.mode)),
    );

    app.post(
      c.fileAppeal.path,
      {
        config: { authorize: allow('fileAppeal') },
        schema: { ...c.fileAppeal.schema, tags, summary: 'A team member appeals the decision within the appeal window' },
      },
      async (req) => {
        await requireTeamAccess(ctx, req.actor!, req.params.id, req.body.team, 'fileAppeal');
        return send(await fileAppeal(ctx.db, req.actor!, req.params.id, req.body, req.body.mode));
      },
    );

    app.post(
      c.resolveAppeal.path,
      { config: { authorize: allow('resolveAppeal') }, schema: { ...c.resolveAppeal.schema, tags, summary: 'Resolve an appeal with a reason' } },
      async (req) => send(await resolveAppeal(ctx.db, req.actor!, req.params.id, req.params.appealId, req.body, req.body.mode)),
    );

    app.get(
      c.myTeams.path,
      {
        config: { authorize: allow('listOwnTeams') },
        schema: { ...c.myTeams.schema, tags, summary: 'The stage evaluations in which the signed-in account is a team member' },
      },
      async (req) => {
        const rows = await evaluationsOfMember(ctx.db, req.actor!.id);
        const published = (status: string) => seesDecision(req.actor, status === 'published');
        return { teams: rows.map((r) => (published(r.status) ? r : { ...r, status: UNDER_EVALUATION })) };
      },
    );
  };
