import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { canArena } from '../../policies/arena-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import {
  answerCoverage,
  assignEvaluators,
  createArena,
  getArena,
  isAssignedEvaluator,
  listArenas,
  listEvaluators,
  promptsOf,
  updateArenaSettings,
  uploadAnswers,
  uploadPrompts,
  type ArenaResult,
  type ArenaRow,
} from '../../arena/arena-store.ts';
import { fetchAnswersFromEndpoint } from '../../arena/endpoint-answers.ts';
import { castVote, evaluatorProgress, nextBattle } from '../../arena/battles.ts';
import { arenaResults } from '../../arena/arena-ratings.ts';
import { arenaVotes, votesToJsonl } from '../../arena/arena-votes.ts';
import { likertForm, saveLikert } from '../../arena/likert-forms.ts';
import { arenaContract as c } from '@stagegate/core/contract/arena';

function settle<T>(res: ArenaResult<T>) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'conflict') throw new ApiError(409, 'conflict', res.message);
  return res;
}

/** The answer of a change that has no preview step (uploads, fetches, assignments): committed or refused. */
function committed<T>(res: ArenaResult<T>) {
  const done = settle(res);
  if (done.status === 'preview') throw new Error('this change has no preview step');
  return done;
}

/** What the office sees of an arena. */
export function arenaJson(a: ArenaRow) {
  return {
    id: a.id,
    program: a.programSlug,
    stage: a.stageKey,
    componentKey: a.componentKey,
    kind: a.kind,
    name: a.name,
    status: a.status,
    seed: a.seed,
    capPerEvaluator: a.capPerEvaluator,
    bootstrapRounds: a.bootstrapRounds,
    fullPoints: a.fullPoints,
    conversion: a.conversion,
    likertCriteria: a.likertCriteria,
    revision: a.revision,
  };
}

/** What an evaluator sees of an arena: nothing about the teams. */
const evaluatorArenaJson = (a: ArenaRow) => ({
  id: a.id,
  program: a.programSlug,
  stage: a.stageKey,
  kind: a.kind,
  name: a.name,
  status: a.status,
  capPerEvaluator: a.capPerEvaluator,
  likertCriteria: a.likertCriteria,
});

export const arenaRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const load = async (id: string) => {
      const arena = await getArena(ctx.db, id);
      if (!arena) throw notFound('arena');
      return arena;
    };
    /** The arena, if this evaluator is assigned to it; 403 otherwise (404 only when there is no arena). */
    const loadForEvaluator = async (actor: Actor, id: string) => {
      const arena = await load(id);
      if (!canArena(actor, 'vote', { assignedEvaluator: await isAssignedEvaluator(ctx.db, arena.id, actor.id) })) throw forbidden();
      return arena;
    };

    app.get(
      c.list.path,
      {
        config: { authorize: (a) => canArena(a, 'list') },
        schema: { ...c.list.schema, tags: ['arena'], summary: 'Arenas: all for the office, assigned ones for an evaluator' },
      },
      async (req) => {
        const actor = req.actor!;
        if (actor.role === 'operator') return { arenas: (await listArenas(ctx.db)).map(arenaJson) };
        const rows = await listArenas(ctx.db, { evaluatorId: actor.id });
        return { arenas: await Promise.all(rows.map(async (a) => ({ ...evaluatorArenaJson(a), progress: await evaluatorProgress(ctx.db, a, actor.id) }))) };
      },
    );

    app.post(
      c.create.path,
      {
        config: { authorize: (a) => canArena(a, 'manage') },
        schema: {
          ...c.create.schema,
          tags: ['arena'],
          summary: 'Create the user evaluation (blind arena or Likert forms) of a program stage, with its evaluators (`mode: preview` writes nothing)',
        },
      },
      async (req, reply) => {
        const created = await createArena(ctx.db, req.actor!, req.body);
        if (created.status === 'preview' && 'arena' in created)
          return reply.status(200).send({ mode: 'preview', arena: created.arena, evaluators: created.evaluators });
        const res = settle(created);
        return reply.status(201).send({ arena: arenaJson((res as { arena: ArenaRow }).arena) });
      },
    );

    app.get(
      c.get.path,
      {
        config: { authorize: (a) => canArena(a, 'list') },
        schema: { ...c.get.schema, tags: ['arena'], summary: 'One arena: setup for the office; for an assigned evaluator, only their progress' },
      },
      async (req) => {
        const actor = req.actor!;
        if (actor.role !== 'operator') {
          const arena = await loadForEvaluator(actor, req.params.id);
          return { arena: { ...evaluatorArenaJson(arena), progress: await evaluatorProgress(ctx.db, arena, actor.id) } };
        }
        const arena = await load(req.params.id);
        return {
          arena: arenaJson(arena),
          prompts: (await promptsOf(ctx.db, arena.id)).length,
          coverage: await answerCoverage(ctx.db, arena.id),
          evaluators: await listEvaluators(ctx.db, arena.id),
        };
      },
    );

    app.put(
      c.settings.path,
      {
        config: { authorize: (a) => canArena(a, 'manage') },
        schema: { ...c.settings.schema, tags: ['arena'], summary: 'Open/close, cap per evaluator, bootstrap rounds, points conversion (preview → commit)' },
      },
      async (req) => {
        const arena = await load(req.params.id);
        const res = await updateArenaSettings(ctx.db, req.actor!, arena, req.body);
        if (res.status === 'preview') return res;
        const done = committed(res);
        return { status: 'committed' as const, arena: arenaJson(done.arena), changes: done.changes };
      },
    );

    app.put(
      c.prompts.path,
      {
        config: { authorize: (a) => canArena(a, 'manage') },
        schema: { ...c.prompts.schema, tags: ['arena'], summary: 'Replace the prompts from JSON lines {"id","prompt"}' },
      },
      async (req) => {
        const arena = await load(req.params.id);
        return committed(await uploadPrompts(ctx.db, req.actor!, arena, req.body.jsonl, req.body.fileName));
      },
    );

    app.put(
      c.answers.path,
      {
        config: { authorize: (a) => canArena(a, 'manage') },
        schema: { ...c.answers.schema, tags: ['arena'], summary: 'Store one team\'s answers from JSON lines {"id","answer"}' },
      },
      async (req) => {
        const arena = await load(req.params.id);
        return committed(await uploadAnswers(ctx.db, req.actor!, arena, req.body.taskId, req.body.jsonl, req.body.fileName));
      },
    );

    app.post(
      c.fetchAnswers.path,
      {
        config: { authorize: (a) => canArena(a, 'manage') },
        schema: { ...c.fetchAnswers.schema, tags: ['arena'], summary: "Fetch one team's answers from its OpenAI-compatible endpoint (/v1/chat/completions)" },
      },
      async (req) => {
        const arena = await load(req.params.id);
        return committed(await fetchAnswersFromEndpoint(ctx.db, req.actor!, arena, req.body));
      },
    );

    app.put(
      c.evaluators.path,
      {
        config: { authorize: (a) => canArena(a, 'manage') },
        schema: { ...c.evaluators.schema, tags: ['arena'], summary: 'Assign the evaluators (by e-mail; replaces the list)' },
      },
      async (req) => {
        const arena = await load(req.params.id);
        return committed(await assignEvaluators(ctx.db, req.actor!, arena, req.body.emails));
      },
    );

    app.post(
      c.nextBattle.path,
      {
        config: { authorize: (a) => canArena(a, 'vote') },
        schema: { ...c.nextBattle.schema, tags: ['arena'], summary: "The evaluator's next blind battle: a prompt and two anonymous answers" },
      },
      async (req) => {
        const arena = await loadForEvaluator(req.actor!, req.params.id);
        if (arena.kind !== 'pairwise') throw new ApiError(409, 'not_pairwise', 'this user evaluation uses Likert forms');
        return nextBattle(ctx.db, arena, req.actor!.id);
      },
    );

    app.post(
      c.vote.path,
      {
        config: { authorize: (a) => canArena(a, 'vote') },
        schema: { ...c.vote.schema, tags: ['arena'], summary: 'Vote on a blind battle: left (A), right (B), tie or both bad' },
      },
      async (req) => {
        const arena = await loadForEvaluator(req.actor!, req.params.id);
        const res = await castVote(ctx.db, req.actor!, arena, req.params.battleId, req.body.choice);
        switch (res.status) {
          case 'recorded':
            return res;
          case 'not_found':
            throw notFound('battle');
          case 'notYours':
            throw forbidden();
          case 'alreadyVoted':
            throw new ApiError(409, 'already_voted', 'this battle has been voted on already');
          case 'capReached':
            throw new ApiError(409, 'cap_reached', `the cap of ${res.progress.cap} votes per evaluator is reached`);
          case 'closed':
            throw new ApiError(409, 'closed', 'the arena is not open for votes');
        }
      },
    );

    app.get(
      c.likertForm.path,
      {
        config: { authorize: (a) => canArena(a, 'vote') },
        schema: { ...c.likertForm.schema, tags: ['arena'], summary: "The evaluator's Likert form: anonymous items with sample answers" },
      },
      async (req) => {
        const arena = await loadForEvaluator(req.actor!, req.params.id);
        if (arena.kind !== 'likert') throw new ApiError(409, 'not_likert', 'this user evaluation is a pairwise arena');
        return likertForm(ctx.db, arena, req.actor!.id);
      },
    );

    app.put(
      c.saveLikert.path,
      {
        config: { authorize: (a) => canArena(a, 'vote') },
        schema: { ...c.saveLikert.schema, tags: ['arena'], summary: 'Save 1–5 scores per criterion for one anonymous item' },
      },
      async (req) => {
        const arena = await loadForEvaluator(req.actor!, req.params.id);
        const res = await saveLikert(ctx.db, req.actor!, arena, req.params.item, req.body.scores);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'closed') throw new ApiError(409, 'closed', 'the evaluation is not open');
        return res;
      },
    );

    app.get(
      c.ratings.path,
      {
        config: { authorize: (a) => canArena(a, 'readResults') },
        schema: {
          ...c.ratings.schema,
          tags: ['arena'],
          summary: 'Ratings (Bradley–Terry, bootstrap intervals) or Likert means, with points; recomputed from the votes',
        },
      },
      async (req) => {
        const arena = await load(req.params.id);
        return { arena: arenaJson(arena), results: await arenaResults(ctx.db, arena, req.query) };
      },
    );

    app.get(
      c.votes.path,
      {
        config: { authorize: (a) => canArena(a, 'readResults') },
        schema: { ...c.votes.schema, tags: ['arena'], summary: 'All votes in the `stagegate arena rate --file` JSONL format' },
      },
      async (req, reply) => {
        const arena = await load(req.params.id);
        const body = votesToJsonl(await arenaVotes(ctx.db, arena.id));
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="arena-${arena.programSlug}-${arena.stageKey}-votes.jsonl"`)
          .send(body);
      },
    );
  };
