import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteTask } from './suite.ts';

export interface TaskOutcome {
  task: SuiteTask;
  /** sample rows ordered by doc_id */
  samples: Record<string, unknown>[];
}

/** The harness's file-name timestamp: 2026-01-05T10-00-00.123456 */
export function harnessTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.(\d{3})Z$/, '.$1000');
}

/**
 * The results object in lm-evaluation-harness layout (the subset our importer reads, plus the
 * descriptive keys): per task the mean and standard error of each per-item metric under
 * `<metric>,<filter>` / `<metric>_stderr,<filter>`, and n-samples.
 */
export function buildResults(outcomes: readonly TaskOutcome[], meta: { model: string; endpoint: string; suite: string; date: Date }) {
  const results: Record<string, Record<string, unknown>> = {};
  const nSamples: Record<string, { original: number; effective: number }> = {};
  const higher: Record<string, Record<string, boolean>> = {};
  const versions: Record<string, number> = {};
  const configs: Record<string, unknown> = {};
  for (const { task, samples } of outcomes) {
    const metricNames = task.kind === 'generate' ? ['exact_match'] : ['acc', 'acc_norm'];
    const filter = task.kind === 'generate' ? task.filter : 'none';
    const entry: Record<string, unknown> = { alias: task.name };
    for (const m of metricNames) {
      const values = samples.map((s) => s[m] as number);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : NaN;
      entry[`${m},${filter}`] = mean;
      entry[`${m}_stderr,${filter}`] = Number.isFinite(variance) ? Math.sqrt(variance / values.length) : 'N/A';
    }
    results[task.name] = entry;
    nSamples[task.name] = { original: samples.length, effective: samples.length };
    higher[task.name] = Object.fromEntries(metricNames.map((m) => [m, true]));
    versions[task.name] = 1;
    configs[task.name] = {
      task: task.name,
      output_type: task.kind === 'generate' ? 'generate_until' : 'multiple_choice',
      doc_to_text: task.template,
      ...(task.kind === 'generate' ? { filter_list: [{ name: task.filter, filter: [{ function: 'regex', regex_pattern: task.pattern }] }] } : {}),
    };
  }
  return {
    results,
    group_subtasks: Object.fromEntries(outcomes.map((o) => [o.task.name, []])),
    configs,
    versions,
    'n-shot': Object.fromEntries(outcomes.map((o) => [o.task.name, 0])),
    higher_is_better: higher,
    'n-samples': nSamples,
    config: { model: 'stagegate-openai-compatible', model_args: `model=${meta.model},base_url=${meta.endpoint}`, limit: null },
    date: meta.date.getTime() / 1000,
    model_source: 'stagegate',
    model_name: meta.model,
    model_name_sanitized: meta.model.replace(/[^A-Za-z0-9._-]/g, '__'),
    stagegate_suite: meta.suite,
  };
}

/** Writes results_<ts>.json and samples_<task>_<ts>.jsonl, each through a temporary name so no half file is ever seen. */
export async function writeHarnessOutput(outDir: string, outcomes: readonly TaskOutcome[], meta: Parameters<typeof buildResults>[1]): Promise<string> {
  const ts = harnessTimestamp(meta.date);
  for (const { task, samples } of outcomes) {
    await atomicWrite(join(outDir, `samples_${task.name}_${ts}.jsonl`), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  }
  const resultsPath = join(outDir, `results_${ts}.json`);
  await atomicWrite(resultsPath, JSON.stringify(buildResults(outcomes, meta), null, 2) + '\n');
  return resultsPath;
}

async function atomicWrite(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
