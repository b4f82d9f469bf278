// bench/evaluation — see README.md. Prints figures and bench/README's table rows; generated files go to bench/out/evaluation.
// Usage: npx tsx bench/evaluation/run.ts [bootstrap] [runner]   (none named runs both)
import { spawn, execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { bootstrapRatios, compareSuite } from '../../packages/core/src/evaluation/compare-suite.ts';
import { createRng } from '../../packages/core/src/shared/random.ts';
import { runSuite } from '../../packages/app/src/adapters/openai-endpoint/run-suite.ts';
import { syntheticSuite } from './bootstrap-workload.ts';
import { report, type BenchRow } from '../report.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outRoot = join(here, '../out/evaluation');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const parts = process.argv.slice(2).length ? process.argv.slice(2) : ['bootstrap', 'runner'];
const rows: BenchRow[] = [];

async function bootstrapBench() {
  const B = 13,
    N = 35_000,
    R = 10_000,
    SLICE = 100;
  console.log(`\n(1) paired stratified bootstrap: ${B} benchmarks × ${N} items × ${R} resamples = ${((B * N * R) / 1e9).toFixed(2)} billion item draws`);
  const suite = syntheticSuite(B, N);
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let ci: [number, number] = [0, 0];
  compareSuite(suite, { target: 0.95, resamples: R, seed: 99 }); // warm-up, as NumPy's is compiled
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    const r = compareSuite(suite, { target: 0.95, resamples: R, seed: 1 + k });
    times.push((performance.now() - t) / 1000);
    ci = r.aggregate.ci;
  }
  const fast = median(times);
  console.log(
    `  stagegate (multinomial over the 2×2 table): median ${fast.toFixed(3)} s of ${RUNS} runs [${times.map((t) => t.toFixed(3)).join(', ')}], aggregate CI [${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]`,
  );
  console.log(
    `  memory: input items ${mib(B * N * 2 * 8)} MiB (Float64Array), draws ${mib((B + 1) * R * 8)} MiB (plus a sorted copy per interval); rss ${mib(rssBefore)} → ${mib(process.memoryUsage().rss)} MiB, max rss ${mib(process.resourceUsage().maxRSS * 1024)} MiB`,
  );

  const naiveTimes: number[] = [];
  bootstrapRatios(suite[0]!, SLICE, createRng(99), 'per-item'); // warm-up, so the JIT is not measured
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    bootstrapRatios(suite[0]!, SLICE, createRng(k), 'per-item');
    naiveTimes.push((performance.now() - t) / 1000);
  }
  const naive = (median(naiveTimes) * B * R) / SLICE;
  console.log(
    `  naive per-item resampling in the same process: ${SLICE} resamples of one benchmark in ${median(naiveTimes).toFixed(3)} s → ${naive.toFixed(0)} s extrapolated to the full job (${(naive / fast).toFixed(0)}× slower)`,
  );

  try {
    const py = JSON.parse(
      execFileSync('python3', [join(here, 'numpy_bootstrap.py'), String(B), String(N), String(R), '100', String(RUNS)], { encoding: 'utf8' }),
    );
    console.log(
      `  NumPy multinomial (same method, full size): ${py.multinomialSeconds.toFixed(3)} s → stagegate/NumPy time ratio ${(fast / py.multinomialSeconds).toFixed(2)}`,
    );
    const ratio = fast / py.multinomialSeconds;
    rows.push({
      workload: `paired bootstrap ${B} × ${(N / 1000).toFixed(0)}k items × ${(R / 1000).toFixed(0)}k resamples (median of ${RUNS})`,
      ours: `${(fast * 1000).toFixed(0)} ms`,
      peer: `NumPy multinomial: ${(py.multinomialSeconds * 1000).toFixed(0)} ms`,
      ratio: `${ratio.toFixed(2)}×`,
      goal: '≤ NumPy',
      met: ratio <= 1,
    });
    console.log(
      `  NumPy per-item (vectorised index draws): 100 resamples of one benchmark in ${py.perItemSliceSeconds.toFixed(3)} s → ${py.perItemExtrapolatedSeconds.toFixed(0)} s extrapolated (${(py.perItemExtrapolatedSeconds / fast).toFixed(0)}× stagegate); NumPy max rss ${py.maxRssMiB.toFixed(0)} MiB`,
    );
  } catch (e) {
    console.log(`  NumPy peer not run: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function runnerBench() {
  const CONCURRENCY = 32,
    LATENCY = 50,
    ITEMS = 3_200;
  const ceiling = CONCURRENCY / (LATENCY / 1000);
  console.log(
    `\n(2) runner against a local fake server (own process), ${LATENCY} ms latency, concurrency ${CONCURRENCY}: ceiling ${ceiling} items/s; ${ITEMS} generative items per run`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fake-server-process.ts'), String(ITEMS), String(LATENCY)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url: string = await new Promise((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const dir = join(outRoot, 'runner');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'items.jsonl'),
    Array.from({ length: ITEMS }, (_, i) => JSON.stringify({ question: `Bench question ${i}?`, choices: ['a', 'b', 'c', 'd'], answer: i % 4 })).join('\n'),
  );
  const suite = {
    name: 'bench',
    tasks: [
      {
        name: 'bench',
        kind: 'generate' as const,
        dataset: join(dir, 'items.jsonl'),
        template: '{{question}}\n{{choices}}',
        pattern: 'answer is ([A-D])',
        filter: 'strict-match',
        ignoreCase: true,
      },
    ],
  };
  const rates: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const out = join(dir, `run-${k}`);
    const t = performance.now();
    const outcome = await runSuite({ endpoint: url, model: 'bench', suite, outDir: out, concurrency: CONCURRENCY, outbound: { allowPrivate: true } });
    const seconds = (performance.now() - t) / 1000;
    if (outcome.status !== 'complete') throw new Error(`run ${k}: ${outcome.status}`);
    rates.push(ITEMS / seconds);
  }
  child.stdin!.end();
  const rate = median(rates);
  rows.push({
    workload: `evaluation runner, ${LATENCY} ms latency, concurrency ${CONCURRENCY}`,
    ours: `${rate.toFixed(0)} items/s`,
    peer: `ceiling: ${ceiling} items/s`,
    ratio: `${(rate / ceiling).toFixed(2)}×`,
    goal: 'reported',
  });
  console.log(
    `  median ${rate.toFixed(0)} items/s of ${RUNS} runs [${rates.map((r) => r.toFixed(0)).join(', ')}] = ${((rate / ceiling) * 100).toFixed(1)} % of the ${ceiling}/s ceiling (includes loading the dataset, journaling every item and writing the results)`,
  );
}

console.log(`bench/evaluation — node ${process.version}, ${RUNS} runs each, median reported`);
if (parts.includes('bootstrap')) await bootstrapBench();
if (parts.includes('runner')) await runnerBench();
await report('evaluation', rows);
