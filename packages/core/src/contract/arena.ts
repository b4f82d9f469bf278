import { z } from 'zod';
import { pointsConversion } from '../arena/points-conversion.ts';
import { localizedText } from '../shared/localized.ts';
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

const slugKey = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);
const likertCriterion = z.object({ key: slugKey, name: localizedText });

/** A new arena; the store reads it (its refusals are 422 with the field), so the route takes any object. */
export const arenaCreateInput = z.object({
  program: z.string().min(1),
  stage: z.string().min(1),
  componentKey: slugKey.default('user-evaluation'),
  kind,
  name: localizedText.optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(20260105),
  capPerEvaluator: z.number().int().positive().max(100_000).default(50),
  bootstrapRounds: z.number().int().min(0).max(2000).default(200),
  /** default: the component's points in the program's scheme */
  fullPoints: z.number().positive().optional(),
  /** default: pairwise → expectedScoreVsBest, Likert → proportionalToBest (the best team gets full points) */
  conversion: pointsConversion.optional(),
  likertCriteria: z.array(likertCriterion).max(20).default([]),
  /** evaluator accounts (e-mail) seated with the arena in the same transaction */
  evaluators: z.array(z.string().max(320)).max(1000).default([]),
  /** preview: what would be created, nothing written; omitted: commit (the API before previews) */
  mode: z.enum(['preview', 'commit']).default('commit'),
});

export const arenaSettingsInput = z.object({
  status: status.optional(),
  capPerEvaluator: z.number().int().positive().max(100_000).optional(),
  bootstrapRounds: z.number().int().min(0).max(2000).optional(),
  fullPoints: z.number().positive().optional(),
  conversion: pointsConversion.optional(),
  expectedRevision: z.number().int().positive(),
  mode: z.enum(['preview', 'commit']),
  reason: z.string().max(2000).optional(),
});

/** Where a team's answers are fetched from: its OpenAI-compatible server (the office registered it). */
export const endpointFetchInput = z.object({
  taskId: z.uuid(),
  /** the team's OpenAI-compatible server, e.g. https://api.team.example (without /v1) */
  baseUrl: z.url().refine((u) => /^https?:\/\//.test(u), 'http(s) only'),
  model: z.string().min(1).max(200),
  /** sent as a bearer token, never stored or logged */
  apiKey: z.string().max(500).optional(),
  maxTokens: z.number().int().positive().max(8192).default(1024),
  temperature: z.number().min(0).max(2).default(0),
  concurrency: z.number().int().min(1).max(16).default(4),
});

const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const evaluatorAccount = z.object({ id: z.string(), email: z.string(), name: z.string() });

/** The user evaluation: the office sets it up and reads its results; its evaluators vote or fill in forms. */
export const arenaContract = {
  list: route('GET', '/api/v1/arenas', { response: { 200: z.object({ arenas: z.array(arenaListItem) }) } }),
  create: route('POST', '/api/v1/arenas', {
    body: z.record(z.string(), z.unknown()),
    response: {
      200: z.object({
        mode: z.literal('preview'),
        arena: z.object({
          program: z.string(),
          stage: z.string(),
          componentKey: z.string(),
          kind,
          name: text,
          seed: z.number().int(),
          capPerEvaluator: z.number().int(),
          bootstrapRounds: z.number().int(),
          fullPoints: z.number(),
        }),
        evaluators: z.array(z.object({ email: z.string(), name: z.string() })),
      }),
      201: z.object({ arena: officeArena }),
    },
  }),
  settings: route('PUT', '/api/v1/arenas/:id/settings', {
    params: arenaId,
    body: arenaSettingsInput,
    response: {
      200: z.discriminatedUnion('status', [
        z.object({ status: z.literal('preview'), changes: z.array(fieldChange) }),
        z.object({ status: z.literal('committed'), arena: officeArena, changes: z.array(fieldChange) }),
      ]),
    },
  }),
  prompts: route('PUT', '/api/v1/arenas/:id/prompts', {
    params: arenaId,
    body: z.object({ jsonl: z.string().max(20_000_000), fileName: z.string().max(200).optional() }),
    response: { 200: z.object({ status: z.literal('committed'), prompts: z.number().int() }) },
  }),
  answers: route('PUT', '/api/v1/arenas/:id/answers', {
    params: arenaId,
    body: z.object({ taskId: z.uuid(), jsonl: z.string().max(50_000_000), fileName: z.string().max(200).optional() }),
    response: { 200: z.object({ status: z.literal('committed'), answers: z.number().int() }) },
  }),
  fetchAnswers: route('POST', '/api/v1/arenas/:id/answers/fetch', {
    params: arenaId,
    body: endpointFetchInput,
    response: {
      200: z.object({ status: z.literal('committed'), answers: z.number().int(), failures: z.array(z.object({ promptId: z.string(), error: z.string() })) }),
    },
  }),
  evaluators: route('PUT', '/api/v1/arenas/:id/evaluators', {
    params: arenaId,
    body: z.object({ emails: z.array(z.string().max(320)).max(1000) }),
    response: { 200: z.object({ status: z.literal('committed'), evaluators: z.array(evaluatorAccount) }) },
  }),
  get: route('GET', '/api/v1/arenas/:id', {
    params: arenaId,
    response: {
      200: z.union([
        z.object({
          arena: officeArena,
          prompts: z.number().int(),
          coverage: z.array(z.object({ ...team, answers: z.number().int() })),
          evaluators: z.array(evaluatorAccount),
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
