// One timed run of the TypeScript implementation: the same code path as `stagegate arena rate`
// (streaming reader → pair table → fit → bootstrap). Prints one JSON line of figures.
import { bootstrapRatings } from '../../packages/core/src/arena/bootstrap.ts';
import { fitBradleyTerry } from '../../packages/core/src/arena/bradley-terry.ts';
import { toRatings } from '../../packages/core/src/arena/rating-scale.ts';
import { readVotesFile } from '../../packages/app/src/adapters/arena-votes/read-votes.ts';

const [file, roundsArg, seedArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 100);
const startRss = process.memoryUsage().rss / 2 ** 20;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const table = await readVotesFile(file);
const t1 = performance.now();
const fit = fitBradleyTerry(table);
const t2 = performance.now();
const boot = bootstrapRatings(table, { rounds, seed: Number(seedArg ?? 1), start: fit.strength });
const t3 = performance.now();
const cpu = process.cpuUsage(cpu0);
const ratings = toRatings(fit.logStrength, table.models);
const width = table.models.reduce((s, _, i) => s + boot.upper[i] - boot.lower[i], 0) / table.models.length;
console.log(
  JSON.stringify({
    impl: 'typescript',
    votes: table.totalVotes,
    models: table.models.length,
    pairs: table.first.length,
    read_s: (t1 - t0) / 1000,
    fit_s: (t2 - t1) / 1000,
    fit_iterations: fit.iterations,
    bootstrap_s: (t3 - t2) / 1000,
    unconverged: boot.unconverged,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    start_rss_mb: startRss,
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    mean_ci_width: width,
    ratings: Object.fromEntries(table.models.map((m, i) => [m, ratings[i]])),
  }),
);
