/**
 * `npm run bench`: runs each benchmark that reports a table row (one process each, one after the
 * other, so they do not share the 2 cores) and prints bench/README's table with the date.
 * `npm run bench -- start-up` runs only the named ones.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { table, type BenchRow } from './report.ts';

const repo = fileURLToPath(new URL('../', import.meta.url));
// benchmarks that write their rows through report.ts; the others print their own figures (bench/README.md)
const reporting = ['start-up', 'first-page', 'provenance', 'assignment', 'evaluation'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : reporting;

const rows: BenchRow[] = [];
for (const bench of chosen) {
  console.error(`\n== ${bench}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}/run.ts`], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    rows.push({ workload: `${bench}: failed (exit ${r.status})`, ours: '—', peer: '—', ratio: '—', goal: '—' });
    continue;
  }
  const out = JSON.parse(await readFile(`${repo}bench/out/results/${bench}.json`, 'utf8')) as { rows: BenchRow[] };
  rows.push(...out.rows);
}
console.log(`Measured ${new Date().toISOString().slice(0, 10)} on this machine (${(await import('node:os')).cpus().length} cores)\n`);
console.log(table(rows));
