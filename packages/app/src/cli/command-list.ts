import type { CliCommand } from './command.ts';

/**
 * Every `stagegate` command with its one-line summary. A command's module (and all it imports: the
 * database, the HTTP server, solvers) is loaded only when that command runs, so `--help` and a quick
 * read command do not pay for the others. `cli-main.test.ts` fails when a file in ./commands is
 * missing here. `oneShotDatabase`: the command opens the app's database (the embedded one unless
 * DATABASE_URL is set) for one short run, so the CLI starts preparing PGlite while the command's
 * modules load. Not `serve` and `worker`: their warm restart measured ≈ 15 % slower with it
 * (bench/start-up/README.md), the compile competing with their much larger module loading.
 */
export const commands: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }>; oneShotDatabase?: true }> = {
  'arena-rate': { summary: 'rate arena models from pairwise votes (Bradley–Terry, bootstrap intervals)', load: () => import('./commands/arena-rate.ts') },
  'audit-verify': {
    summary: 'recompute the keyed audit log chain and check its signed head (exit 1 if tampered)',
    load: () => import('./commands/audit-verify.ts'),
    oneShotDatabase: true,
  },
  'eligibility-check': { summary: 'check a consortium against a program’s eligibility rules', load: () => import('./commands/eligibility-check.ts') },
  'eval-compare': { summary: 'compare benchmark results with a reference: ratios, 95 % intervals, verdict', load: () => import('./commands/eval-compare.ts') },
  'eval-run': { summary: 'run a benchmark suite against an OpenAI-compatible endpoint (resumable)', load: () => import('./commands/eval-run.ts') },
  migrate: { summary: 'apply the database migrations', load: () => import('./commands/migrate.ts'), oneShotDatabase: true },
  'programs-import': { summary: 'add or update a program from a definition file', load: () => import('./commands/programs-import.ts'), oneShotDatabase: true },
  'programs-list': { summary: 'list the programs with their GPU pools', load: () => import('./commands/programs-list.ts'), oneShotDatabase: true },
  'programs-show': { summary: 'show one program', load: () => import('./commands/programs-show.ts'), oneShotDatabase: true },
  'provenance-compare': { summary: 'compare a checkpoint with known models for originality evidence', load: () => import('./commands/provenance-compare.ts') },
  'results-bundle': {
    summary: "write the signed bundle of each of a program's published results",
    load: () => import('./commands/results-bundle.ts'),
    oneShotDatabase: true,
  },
  'review-close-round': {
    summary: 'close a selection round with its shortlist (preview unless --yes --reason)',
    load: () => import('./commands/review-close-round.ts'),
    oneShotDatabase: true,
  },
  'review-assign': { summary: 'assign reviewers to proposals (max affinity, loads, conflicts)', load: () => import('./commands/review-assign.ts') },
  seed: { summary: 'load the program seeds (and demo accounts unless --no-demo)', load: () => import('./commands/seed.ts'), oneShotDatabase: true },
  serve: { summary: 'start the web app and API (migrates and seeds on start)', load: () => import('./commands/serve.ts') },
  'slurm-apply': {
    summary: 'make Slurm enforce the allocations (dry run unless --yes)',
    load: () => import('./commands/slurm-apply.ts'),
    oneShotDatabase: true,
  },
  'slurm-plan': {
    summary: 'show what Slurm must change to enforce the allocations (changes nothing)',
    load: () => import('./commands/slurm-plan.ts'),
    oneShotDatabase: true,
  },
  'usage-import': {
    summary: 'store sacct usage per task, user and day in the database (replacing the covered days)',
    load: () => import('./commands/usage-import.ts'),
    oneShotDatabase: true,
  },
  'usage-summarize': { summary: 'GPU-hours per account and user from a sacct --json file', load: () => import('./commands/usage-summarize.ts') },
  verify: { summary: 'recompute a published result from its bundle, offline (exit 1 if it differs)', load: () => import('./commands/verify.ts') },
  worker: { summary: 'run durable jobs without serving HTTP (next to serve processes on PostgreSQL)', load: () => import('./commands/worker.ts') },
};
