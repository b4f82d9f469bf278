// One measurement in its own process, so its peak RSS is its own: the streaming summary.
import { summarizeSacct } from '../../packages/app/src/adapters/sacct/read-sacct.ts';
import { MONTH_END, MONTH_START } from './generate.ts';

const path = process.argv[2]!;
const t0 = performance.now();
const s = await summarizeSacct(path, { start: MONTH_START, end: MONTH_END }, MONTH_END);
const ms = performance.now() - t0;
const cpu = process.cpuUsage();
function cpuMs() {
  return (cpu.user + cpu.system) / 1000;
}
const total = Object.values(s.accounts).reduce((t, a) => t + a.gpuSeconds, 0);
process.stdout.write(
  JSON.stringify({ ms, cpuMs: cpuMs(), maxRssKiB: process.resourceUsage().maxRSS, jobs: s.jobsRead, gpuSeconds: total, dailyRows: s.daily.length }),
);
