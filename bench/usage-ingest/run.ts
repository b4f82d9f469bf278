// bench/usage-ingest: time and peak memory of the streaming `sacct --json` summary against a bare
// JSON.parse of the same file, each measurement in its own child process (so peak RSS is its own),
// median of RUNS runs. Files are generated once under bench/out/usage-ingest/ and reused.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureSacctFile } from './generate.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '100000,200000,1000000').split(',').map(Number);

interface Result {
  ms: number;
  cpuMs?: number;
  maxRssKiB: number;
  jobs?: number;
  gpuSeconds?: number;
  error?: string;
}

function child(script: string, file: string): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${here}${script}`, file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Result;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => bytes / 1024 / 1024;

interface Row {
  jobs: number;
  fileMB: number;
  stream: Result[];
  parse: Result[];
}
const rows: Row[] = [];
for (const jobs of SIZES) {
  const path = `${root}bench/out/usage-ingest/sacct-${jobs}.json`;
  const t0 = performance.now();
  const size = await ensureSacctFile(path, jobs);
  const gen = performance.now() - t0;
  console.log(`${jobs} jobs: ${mb(size).toFixed(0)} MB${gen > 1000 ? ` (generated in ${(gen / 1000).toFixed(1)} s)` : ' (reused)'}`);
  const stream: Result[] = [];
  const parse: Result[] = [];
  for (let r = 0; r < RUNS; r++) {
    stream.push(child('child-stream.ts', path));
    parse.push(child('child-json-parse.ts', path));
    // a string that long cannot exist in V8: one failure says it all
    if (parse.at(-1)!.error) break;
  }
  rows.push({ jobs, fileMB: mb(size), stream, parse });
}

console.log(`\nmedian of ${RUNS} runs, each in its own process (peak RSS = getrusage maxRSS)\n`);
const head = [
  'jobs',
  'file MB',
  'stream s (CPU s)',
  'stream MB/s',
  'stream RSS MB',
  'JSON.parse s (CPU s)',
  'JSON.parse RSS MB',
  'time ratio wall (CPU)',
  'RSS ratio',
];
console.log(head.join(' | '));
console.log(head.map(() => '---').join(' | '));
for (const row of rows) {
  const sMs = median(row.stream.map((r) => r.ms));
  const sCpu = median(row.stream.map((r) => r.cpuMs ?? NaN));
  const sRss = median(row.stream.map((r) => r.maxRssKiB)) / 1024;
  const failed = row.parse.find((r) => r.error);
  const pMs = failed ? NaN : median(row.parse.map((r) => r.ms));
  const pCpu = failed ? NaN : median(row.parse.map((r) => r.cpuMs ?? NaN));
  const pRss = failed ? NaN : median(row.parse.map((r) => r.maxRssKiB)) / 1024;
  const cells = [
    String(row.jobs),
    row.fileMB.toFixed(0),
    `${(sMs / 1000).toFixed(2)} (${(sCpu / 1000).toFixed(2)})`,
    (row.fileMB / (sMs / 1000)).toFixed(0),
    sRss.toFixed(0),
    failed ? `fails: ${failed.error}` : `${(pMs / 1000).toFixed(2)} (${(pCpu / 1000).toFixed(2)})`,
    failed ? `(${(failed.maxRssKiB / 1024).toFixed(0)} at failure)` : pRss.toFixed(0),
    failed ? '–' : `${(sMs / pMs).toFixed(2)}× (${(sCpu / pCpu).toFixed(2)}×)`,
    failed ? '–' : `${(sRss / pRss).toFixed(2)}×`,
  ];
  console.log(cells.join(' | '));
  const ok = row.parse.find((r) => !r.error);
  if (ok && (ok.gpuSeconds !== row.stream[0]!.gpuSeconds || ok.jobs !== row.stream[0]!.jobs)) {
    console.log(`  MISMATCH: stream ${row.stream[0]!.gpuSeconds} GPU-s over ${row.stream[0]!.jobs} jobs, JSON.parse ${ok.gpuSeconds} over ${ok.jobs}`);
  } else if (ok) {
    console.log(
      `  both: ${row.stream[0]!.jobs} jobs, ${(row.stream[0]!.gpuSeconds! / 3600).toFixed(0)} GPU-hours in the March 2026 window (synthetic, not bound by cluster capacity)`,
    );
  }
}
const first = rows[0]!;
const last = rows.at(-1)!;
if (rows.length > 1) {
  const grow = median(last.stream.map((r) => r.maxRssKiB)) / median(first.stream.map((r) => r.maxRssKiB));
  console.log(`\nstreaming peak RSS ${last.jobs / first.jobs}× more jobs (${first.fileMB.toFixed(0)} → ${last.fileMB.toFixed(0)} MB): ×${grow.toFixed(2)}`);
}
