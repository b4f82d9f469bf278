// One comparison of the bench pair in this process, and where its CPU went, thread by thread (from
// /proc/self/task, polled every 10 ms since worker threads are gone once the comparison returns;
// 10 ms ticks). `npx tsx bench/provenance/threads.ts` after `run.ts` has generated the files.
import { readdirSync, readFileSync } from 'node:fs';
import { compareCheckpoints } from '../../packages/app/src/provenance/compare-checkpoints.ts';

const dir = new URL('../out/provenance/', import.meta.url).pathname;
const tick = 1000 / 100;

/** user and system milliseconds of every thread of this process, by thread id */
function threads(): Map<string, { user: number; system: number }> {
  const out = new Map<string, { user: number; system: number }>();
  for (const id of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(id, { user: Number(f[11]) * tick, system: Number(f[12]) * tick });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

const before = threads();
const seen = new Map(before);
const poll = setInterval(() => threads().forEach((v, k) => seen.set(k, v)), 10);
const started = performance.now();
const cpu = process.cpuUsage();
let firstProgress = 0;
const report = await compareCheckpoints({
  candidate: `${dir}a.safetensors`,
  references: [`${dir}b.safetensors`],
  onProgress: (p) => {
    if (!firstProgress && p.doneBytes > 0) firstProgress = performance.now() - started;
  },
});
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
clearInterval(poll);
threads().forEach((v, k) => seen.set(k, v));
console.log(
  `comparison: ${wall.toFixed(0)} ms wall, first progress after ${firstProgress.toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms (user ${(used.user / 1000).toFixed(0)}, system ${(used.system / 1000).toFixed(0)}), verdict ${report.verdict}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
);
for (const [id, t] of seen) {
  const b = before.get(id) ?? { user: 0, system: 0 };
  const user = t.user - b.user,
    system = t.system - b.system;
  if (user + system > 0) console.log(`  thread ${id}${id === String(process.pid) ? ' (main)' : ''}: user ${user} ms, system ${system} ms`);
}
