import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One line of bench/README's table: a workload, our figure, the peer's in the same run, the goal. */
export interface BenchRow {
  workload: string;
  ours: string;
  peer: string;
  ratio: string;
  goal: string;
  met?: boolean;
}

const resultsDir = fileURLToPath(new URL('./out/results/', import.meta.url));

/** Prints a benchmark's rows and keeps them for `npm run bench`, which gathers every benchmark's into one table. */
export async function report(bench: string, rows: BenchRow[]): Promise<void> {
  console.log(table(rows));
  await mkdir(resultsDir, { recursive: true });
  await writeFile(`${resultsDir}${bench}.json`, JSON.stringify({ bench, date: new Date().toISOString(), rows }, null, 2));
}

export function table(rows: BenchRow[]): string {
  const lines = ['| workload | ours | peer | ratio | goal |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.workload} | ${r.ours} | ${r.peer} | ${r.ratio} | ${r.goal}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'} |`);
  return lines.join('\n');
}
