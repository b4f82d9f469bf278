import { z } from 'zod';
import { capVotesPerEvaluator } from '../arena/evaluator-cap.ts';
import { rateArena } from '../arena/arena-rating.ts';
import { buildPairTable } from '../arena/pair-table.ts';
import { arenaWinners, type ArenaWinner } from '../arena/vote.ts';
import { csvText, toCsv } from './csv-table.ts';
import { BundleInputError, cells, jsonText, readCsv, readJson, type BundleFiles } from './bundle-files.ts';

/**
 * The votes behind a stage's arena (user-evaluation) components, so anyone can refit the ratings:
 * one row per counted-or-dropped vote in submission order, teams by key, evaluators only as stable
 * pseudonyms (V001 … in order of first vote) — the per-evaluator cap needs to know which votes
 * share an evaluator, never who it was.
 */
export const ARENA_FILES = { arenas: 'arenas.json', votes: 'arena-votes.csv' } as const;

export interface BundledArenaVote {
  model_a: string;
  model_b: string;
  winner: ArenaWinner;
  evaluator: string;
}

export interface BundledArena {
  component: string;
  seed: number;
  bootstrapRounds: number;
  capPerEvaluator: number;
  /** in submission order */
  votes: BundledArenaVote[];
}

const arenasFile = z.array(
  z.object({ component: z.string(), seed: z.number().int(), bootstrapRounds: z.number().int().min(0), capPerEvaluator: z.number().int().min(0) }),
);

/** Replaces evaluator identities with V001, V002 … in order of first vote. */
export function pseudonymiseVoters<V extends { evaluator: string }>(votes: readonly V[]): Array<V & { evaluator: string }> {
  const ids = new Map<string, string>();
  const width = Math.max(3, String(new Set(votes.map((v) => v.evaluator)).size).length);
  return votes.map((v) => {
    if (!ids.has(v.evaluator)) ids.set(v.evaluator, `V${String(ids.size + 1).padStart(width, '0')}`);
    return { ...v, evaluator: ids.get(v.evaluator)! };
  });
}

/**
 * Point ratings as the arena computes them: each evaluator's first `cap` votes, the plain
 * Bradley–Terry MLE on LMArena's scale, and the explicit one-game prior only where no MLE exists.
 */
export function arenaPointRatings(votes: readonly BundledArenaVote[], capPerEvaluator: number, seed: number): Record<string, number> {
  const table = buildPairTable(capVotesPerEvaluator(votes, capPerEvaluator).kept);
  if (table.models.length < 2) return {};
  const board = rateArena(table, { bootstrap: 0, seed });
  return Object.fromEntries(board.models.map((m) => [m.model, m.rating]).sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)));
}

export function arenaVoteFiles(arenas: readonly BundledArena[]): Record<string, string> {
  if (!arenas.length) return {};
  return {
    [ARENA_FILES.arenas]: jsonText(
      arenas.map(({ component, seed, bootstrapRounds, capPerEvaluator }) => ({ component, seed, bootstrapRounds, capPerEvaluator })),
    ),
    [ARENA_FILES.votes]: toCsv(
      ['component', 'model_a', 'model_b', 'winner', 'evaluator'],
      arenas.flatMap((a) => a.votes.map((v) => [a.component, v.model_a, v.model_b, v.winner, v.evaluator])),
    ),
  };
}

/** Ratings per arena component and team, refitted from the bundle's votes; undefined without votes. */
export function recomputeArenaRatings(files: BundleFiles): Record<string, Record<string, number>> | undefined {
  if (!(ARENA_FILES.arenas in files)) return undefined;
  const arenas = readJson(files, ARENA_FILES.arenas, arenasFile);
  const n = ARENA_FILES.votes;
  const rows = cells(() =>
    readCsv(files, n).map((r, i) => {
      const winner = csvText(r, 'winner', n);
      if (!(arenaWinners as readonly string[]).includes(winner))
        throw new BundleInputError(`${n}: line ${i + 2}, column "winner" is not one of ${arenaWinners.join(', ')} ("${winner}")`);
      return {
        component: csvText(r, 'component', n),
        model_a: csvText(r, 'model_a', n),
        model_b: csvText(r, 'model_b', n),
        winner: winner as ArenaWinner,
        evaluator: csvText(r, 'evaluator', n),
      };
    }),
  );
  return Object.fromEntries(
    arenas.map((a) => [
      a.component,
      arenaPointRatings(
        rows.filter((v) => v.component === a.component),
        a.capPerEvaluator,
        a.seed,
      ),
    ]),
  );
}
