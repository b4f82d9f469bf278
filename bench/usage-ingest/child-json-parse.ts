// The peer, in its own process: read the whole file into one string and JSON.parse it. The
// summary of the parsed jobs is computed after the clock stops, only to check both agree.
import { readFileSync } from 'node:fs';
import { summarizeUsage } from '../../packages/core/src/usage/aggregate.ts';
import { decodeSacctJob } from '../../packages/app/src/adapters/sacct/sacct-job.ts';
import { MONTH_END, MONTH_START } from './generate.ts';

const path = process.argv[2]!;
const t0 = performance.now();
let doc: { jobs: unknown[] };
try {
  doc = JSON.parse(readFileSync(path, 'utf8'));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: (e as Error).message, ms: performance.now() - t0, maxRssKiB: process.resourceUsage().maxRSS }));
  process.exit(0);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage();
function cpuMs() {
  return (cpu.user + cpu.system) / 1000;
}
const rss = process.resourceUsage().maxRSS;
const s = summarizeUsage(
  doc.jobs.map((j, k) => decodeSacctJob(j, `jobs[${k}]`)),
  { start: MONTH_START, end: MONTH_END },
  MONTH_END,
);
const total = Object.values(s.accounts).reduce((t, a) => t + a.gpuSeconds, 0);
process.stdout.write(JSON.stringify({ ms, cpuMs: cpuMs(), maxRssKiB: rss, jobs: doc.jobs.length, gpuSeconds: total }));
