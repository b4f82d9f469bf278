import { z } from 'zod';
import { pointsConversion } from '../arena/points-conversion.ts';
import { file, route, text } from './route.ts';

const arenaId = z.object({ id: z.uuid() });
const progress = z.object({ voted: z.number().int(), cap: z.number().int() });
const criterion = z.object({ key: z.string(), name: text });
const kind = z.enum(['pairwise', 'likert']);
const status = z.enum(['setup', 'open', 'closed']);
const team = { taskId: z.string(), taskKey: z.string(), taskName: text };

/** What an evaluator sees of an arena: nothing about the teams. */
const evaluatorArena = z.object({
  id: z.string(),
  program: z.string(),
  stage: z.string(),
  kind,
  name: text,
  status,
  capPerEvaluator: z.number().int(),
  likertCriteria: z.array(criterion),
});

/** What the office sees of an arena. */
const officeArena = evaluatorArena.extend({
  componentKey: z.string(),
  seed: z.number().int(),
  bootstrapRounds: z.number().int(),
  fullPoints: z.number(),
  conversion: pointsConversion,
  revision: z.number().int(),
});

/** One arena in the list: the office's fields for the office, the evaluator's own progress for an evaluator. */
const arenaListItem = evaluatorArena.extend({ ...officeArena.partial().shape, ...evaluatorArena.shape, progress: progress.optional() });

const teamRating = z.object({
  ...team,
  rating: z.number(),
  ci: z.tuple([z.number(), z.number()]),
  rank: z.number().int(),
  battles: z.number().int(),
  points: z.number(),
});
const likertTeam = z.object({ ...team, mean: z.number(), byCriterion: z.record(z.string(), z.number()), responses: z.number().int(), points: z.number() });

/** The user evaluation as its evaluators and the office's results page use it (setting an arena up is not in the contract yet). */
export const arenaContract = {
  list: route('GET', '/api/v1/arenas', { response: { 200: z.object({ arenas: z.array(arenaListItem) }) } }),
  get: route('GET', '/api/v1/arenas/:id', {
    params: arenaId,
    response: {
      200: z.union([
        z.object({
          arena: officeArena,
          prompts: z.number().int(),
          coverage: z.array(z.object({ ...team, answers: z.number().int() })),
          evaluators: z.array(z.object({ id: z.string(), email: z.string(), name: z.string() })),
        }),
        z.object({ arena: evaluatorArena.extend({ progress }) }),
      ]),
    },
  }),
  nextBattle: route('POST', '/api/v1/arenas/:id/battles/next', {
    params: arenaId,
    response: {
      200: z.discriminatedUnion('status', [
        z.object({
          status: z.literal('battle'),
          battle: z.object({ battleId: z.string(), prompt: z.string(), left: z.object({ answer: z.string() }), right: z.object({ answer: z.string() }) }),
          progress,
        }),
        z.object({ status: z.literal('capReached'), progress }),
        z.object({ status: z.literal('closed'), progress }),
        z.object({ status: z.literal('noBattles'), progress }),
      ]),
    },
  }),
  vote: route('POST', '/api/v1/arenas/:id/battles/:battleId/vote', {
    params: arenaId.extend({ battleId: z.uuid() }),
    body: z.object({ choice: z.enum(['left', 'right', 'tie', 'bothBad']) }),
    response: { 200: z.object({ status: z.literal('recorded'), progress }) },
  }),
  likertForm: route('GET', '/api/v1/arenas/:id/likert', {
    params: arenaId,
    response: {
      200: z.object({
        criteria: z.array(criterion),
        items: z.array(
          z.object({
            item: z.number().int(),
            samples: z.array(z.object({ prompt: z.string(), answer: z.string() })),
            scores: z.record(z.string(), z.number()),
          }),
        ),
      }),
    },
  }),
  saveLikert: route('PUT', '/api/v1/arenas/:id/likert/:item', {
    params: arenaId.extend({ item: z.coerce.number().int().positive() }),
    body: z.object({ scores: z.record(z.string(), z.number()) }),
    response: { 200: z.object({ status: z.literal('saved') }) },
  }),
  ratings: route('GET', '/api/v1/arenas/:id/ratings', {
    params: arenaId,
    querystring: z.object({ bootstrap: z.coerce.number().int().min(0).max(2000).optional(), seed: z.coerce.number().int().min(0).optional() }),
    response: {
      200: z.object({
        arena: officeArena,
        results: z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('pairwise'),
            votes: z.object({ counted: z.number().int(), droppedOverCap: z.number().int() }),
            bootstrap: z.object({
              rounds: z.number().int(),
              seed: z.number().int(),
              unconvergedReplicates: z.number().int(),
              excluded: z.number().int().optional(),
              priorGames: z.number().optional(),
            }),
            teams: z.array(teamRating),
          }),
          z.object({ kind: z.literal('likert'), teams: z.array(likertTeam) }),
        ]),
      }),
    },
  }),
  votes: route('GET', '/api/v1/arenas/:id/votes.jsonl', {
    params: arenaId,
    response: { 200: file('every vote, one JSON object a line (`stagegate arena rate --file`)', 'application/x-ndjson') },
  }),
};
