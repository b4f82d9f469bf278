import { readFileSync, readdirSync } from 'node:fs';
import { compareCheckpoints } from '../../packages/app/src/provenance/compare-checkpoints.ts';
const dir = new URL('../out/provenance/', import.meta.url).pathname;
const tasks = () => Object.fromEntries(readdirSync('/proc/self/task').map((t) => {
  const s = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
  const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return [t + ':' + name, [Number(f[11]) * 10, Number(f[12]) * 10]];
}));
const t0 = performance.now();
const c0 = process.cpuUsage();
let first = 0;
const before = tasks();
const seen: Record<string, number[]> = {};
const poll = setInterval(() => { try { Object.assign(seen, tasks()); } catch {} }, 10);
const r = await compareCheckpoints({ candidate: dir + 'a.safetensors', references: [dir + 'b.safetensors'], onProgress: (p) => { if (!first && p.doneBytes > 0) first = performance.now() - t0; } });
const wall = performance.now() - t0;
clearInterval(poll);
const after = { ...seen, ...tasks() };
const cpu = process.cpuUsage(c0);
console.log({ wall: wall.toFixed(0), firstProgress: first.toFixed(0), user: cpu.user / 1000, sys: cpu.system / 1000, verdict: r.verdict, load: readFileSync('/proc/loadavg', 'utf8').trim() });
for (const [k, v] of Object.entries(after)) { const b = before[k] ?? [0, 0]; const d = [v[0] - b[0], v[1] - b[1]]; if (d[0] + d[1] > 0) console.log(k, 'user', d[0], 'sys', d[1]); }
