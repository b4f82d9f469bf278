import { NoMaximumLikelihoodError, rateModels, type RatedModel } from '@stagegate/core/arena/leaderboard';
import { readVotesFile, VoteLineError } from '../../adapters/arena-votes/read-votes.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { CliError, EXIT, type CliCommand } from '../command.ts';

const usage = `Usage: stagegate arena rate --file VOTES.jsonl [--bootstrap 100] [--seed S] [--prior N] [--json]

Bradley–Terry ratings of arena models from pairwise votes, with percentile bootstrap intervals.

  --file FILE      JSON lines, one vote each:
                   { "model_a": "...", "model_b": "...", "winner": "model_a" | "model_b" | "tie" | "tie (bothbad)" }
                   extra fields are ignored, blank lines skipped
  --bootstrap N    bootstrap rounds for the 95 % intervals (default 100; 0 = no intervals)
  --seed S         seed of the resampling (default 1); the same seed gives the same intervals
  --prior N        an explicit prior: N tied pseudo-games of every model against a reference
                   player (gives finite ratings when a model never lost; shifts ratings). Default 0
  --json           print { "models": [ { "model", "rating", "ci": [lo, hi], "rank", "battles" } ],
                   "fit": { "priorGames", "anchor" }, "bootstrap": { "rounds", "used", "refitted", "excluded" } }

By default the plain maximum-likelihood Bradley–Terry fit on LMArena's scale, as its published
notebooks compute it (logistic regression without penalty): ties of either kind count half a win
to each side, rating = 400·log10(strength) + 1000 with the mean log strength at 0, shifted so
mixtral-8x7b-instruct-v0.1 is 1114 when it is rated. When no MLE exists (a model never lost) the
command says which models and exits 2, unless --prior is given. Bootstrap rounds that do not
converge are refitted once from a cold start; those that still do not are left out and counted. rank = 1 + the number of models whose interval's lower bound is
above this model's upper bound. A bad line exits 2 naming the line and the field.`;

function integerFlag(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new CliError(`--${flag} must be an integer from 0 to ${max}, got '${value}'`);
  return Number(value);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function table(models: RatedModel[]): string {
  const rows = models.map((m) => [String(m.rank), m.model, m.rating.toFixed(1), `${m.ci[0].toFixed(1)} – ${m.ci[1].toFixed(1)}`, String(m.battles)]);
  const head = ['rank', 'model', 'rating', '95% CI', 'battles'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      file: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      prior: { type: 'string' },
      json: { type: 'boolean' },
    });
    const file = requireFlag(values.file, 'file');
    const rounds = integerFlag(values.bootstrap, 'bootstrap', 100, 100_000);
    const seed = integerFlag(values.seed, 'seed', 1, 0xffffffff);
    const priorGames = integerFlag(values.prior, 'prior', 0, 1_000);

    let votes;
    try {
      votes = await readVotesFile(file);
    } catch (e) {
      if (e instanceof VoteLineError) throw new CliError(`${file}: ${e.message}`);
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read ${file}: ${code ?? (e as Error).message}`);
    }
    if (votes.totalVotes === 0) throw new CliError(`${file}: no votes`);

    let board;
    try {
      board = rateModels(votes, { bootstrap: rounds, seed, fit: { priorGames } });
    } catch (e) {
      if (e instanceof NoMaximumLikelihoodError) throw new CliError(`${file}: ${e.message} (--prior N)`);
      throw e;
    }
    const models = board.models.map((m) => ({
      model: m.model,
      rating: round2(m.rating),
      ci: [round2(m.ci[0]), round2(m.ci[1])] as [number, number],
      rank: m.rank,
      battles: m.battles,
    }));
    if (!board.converged) io.err('warning: the point fit did not converge');
    const b = board.bootstrap;
    if (board.unconvergedReplicates > 0) {
      io.err(
        `note: ${board.unconvergedReplicates} of ${b.rounds} bootstrap rounds did not converge: ${b.refitted} refitted, ${b.excluded} left out; intervals from ${b.used} rounds`,
      );
    }
    const fit = { priorGames: board.priorGames, anchor: board.anchor };
    io.out(values.json ? JSON.stringify({ models, fit, bootstrap: b }, null, 2) : table(models));
    return EXIT.ok;
  },
};
