import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { runSuite } from '../adapters/openai-endpoint/run-suite.ts';
import { loadSuite } from '../adapters/openai-endpoint/suite.ts';
import type { JobHandler } from '../jobs/job-handler.ts';
import { asInputNotVisible } from '../jobs/input-not-visible.ts';
import { getSuite, listBenchmarks } from './catalog.ts';
import { compareRun, planRun, storeRunIn } from './results-import.ts';
import { getTask } from '../tasks/task-membership.ts';
import { outboundPolicyFor } from './model-endpoints.ts';
import { getUser } from './users.ts';

export const SUITE_RUN = 'evaluation.run-suite';

export interface SuiteRunPayload {
  taskId: string;
  /** the stage suite the results count for */
  suite: string;
  endpoint: string;
  model: string;
  /** SUITE.json relative to the suites folder */
  suiteFile: string;
  concurrency: number;
}

/** Where SUITE.json files and their datasets live on the server: $STAGEGATE_EVAL_SUITES or `eval-suites` in the data folder. */
export function suitesRoot(config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.STAGEGATE_EVAL_SUITES) return resolve(env.STAGEGATE_EVAL_SUITES);
  if (config.dataDir.startsWith('memory://')) return join(tmpdir(), 'stagegate-eval-suites');
  return resolve(config.dataDir, 'eval-suites');
}

/** Each run journals into its own folder named by the job, so a retried job resumes where it stopped. */
export function runFolder(config: Pick<Config, 'dataDir'>, jobId: string): string {
  const base = config.dataDir.startsWith('memory://') ? join(tmpdir(), 'stagegate-eval-runs') : resolve(config.dataDir, 'eval-runs');
  return join(base, jobId);
}

/**
 * Runs a suite against a team's OpenAI-compatible endpoint, then imports what the runner wrote
 * (harness-format results and samples) as a run of the task, with its comparison, in the
 * transaction that marks the job done.
 */
export const suiteRunJob: JobHandler = async (ctx, job, tools) => {
  const p = job.payload as unknown as SuiteRunPayload;
  const task = await getTask(ctx.db, p.taskId);
  if (!task) throw new Error(`task ${p.taskId} no longer exists`);
  const suiteRow = await getSuite(ctx.db, task.programSlug, p.suite);
  if (!suiteRow) throw new Error(`suite "${p.suite}" no longer exists`);
  const suite = await loadSuite(join(suitesRoot(ctx.config), p.suiteFile)).catch((e: unknown) => {
    throw asInputNotVisible(e, `suite file "${p.suiteFile}"`);
  });
  // checked again at every start: an endpoint the office removed since is not called
  const outbound = await outboundPolicyFor(ctx.db, task.programSlug, p.endpoint);
  if (!outbound) throw new Error(`${p.endpoint} is no longer a registered model endpoint of the program`);
  const outDir = runFolder(ctx.config, job.id);
  const outcome = await runSuite({
    endpoint: p.endpoint,
    model: p.model,
    suite,
    outDir,
    concurrency: p.concurrency,
    outbound,
    signal: tools.signal,
    onProgress: (r) => tools.progress({ total: r.total, done: r.done, failed: r.failed, resumed: r.resumed, task: r.task }),
  });
  if (outcome.status === 'stopped') throw new Error(`stopped after ${outcome.done} of ${outcome.total} items; a retry resumes from the journal`);
  if (outcome.status === 'incomplete') {
    const first = outcome.failures[0]!;
    throw new Error(`${outcome.failures.length} items failed (first: ${first.task} #${first.docId}: ${first.error}); a retry asks only for those`);
  }
  const files = await readdir(outDir);
  const samples = [];
  for (const f of files.filter((f) => f.startsWith('samples_') && f.endsWith('.jsonl')))
    samples.push({ fileName: f, text: await readFile(join(outDir, f), 'utf8') });
  const benchmarks = await listBenchmarks(ctx.db, task.programSlug);
  const { plan, issues } = planRun(
    suiteRow,
    benchmarks.filter((b) => suiteRow.benchmarkNames.includes(b.name)),
    { results: { fileName: basename(outcome.resultsPath), text: await readFile(outcome.resultsPath, 'utf8') }, samples, source: 'runner' },
  );
  if (!plan) throw new Error(`the run's results cannot be imported: ${issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`);
  const comparison = await compareRun(ctx.db, task, plan, benchmarks);
  const actor = job.createdBy ? await getUser(ctx.db, job.createdBy) : null;
  return {
    result: { items: outcome.total, verdict: comparison.ok ? comparison.detail.suite.aggregate.verdict : null },
    commit: async (tx) => {
      await storeRunIn(tx, actor, task, plan, comparison);
    },
  };
};
