import { ImportError, jsonPath, locateKeyPath, parseJsonText } from '../import-error.ts';
import type { MetricScore, ScoreTable, TaskScores } from './score-table.ts';

// lm-evaluation-harness results files, every layout it has written:
// v0.3 (2021–2023, e.g. EleutherAI/lm-evaluation-harness results/bloom/*/…_0-shot.json):
//   results            { task: { "<metric>": number, "<metric>_stderr": number } }   no filters
//   versions           { task: number }      config { model, model_args, num_fewshot, limit, … }
// v0.4 (Dec 2023 on, e.g. results/Qwen__Qwen2.5-1.5B/results_2025-03-03T00-05-12.300060.json):
//   results            { task: { "alias", "<metric>,<filter>": number, "<metric>_stderr,<filter>": number | "N/A", ... } }
//   groups             { group: same shape }        group_subtasks { group: [task, ...] }  (0.4.2+)
//   n-samples          { task: { original, effective } } — effective < original means --limit was used (0.4.3+)
//   versions, higher_is_better (0.4.1+), task_hashes, configs, model_name
// In a v0.4 entry, keys without a comma (alias, sample_len, …) are not metrics. A v0.3 entry is one
// with no comma key at all: each number is a metric under the filter `none`.

type Json = Record<string, unknown>;

export function parseHarnessResults(text: string, file: string): ScoreTable {
  const root = parseJsonText(text, file);
  const fail = (keys: string[], problem: string): never => {
    const pos = locateKeyPath(text, keys);
    throw new ImportError(file, jsonPath(keys), problem, pos?.line, pos?.column);
  };
  if (!isObject(root)) throw new ImportError(file, '', 'expected a JSON object at the top level (an lm-evaluation-harness results file)');
  if (!isObject(root.results)) fail(['results'], 'missing or not an object; is this an lm-evaluation-harness results_*.json?');
  const results = root.results as Json;
  const groups = optionalObject(root, 'groups', fail);
  const groupSubtasks = optionalObject(root, 'group_subtasks', fail);
  const nSamples = optionalObject(root, 'n-samples', fail);
  const versions = optionalObject(root, 'versions', fail);
  const higher = optionalObject(root, 'higher_is_better', fail);
  const hashes = optionalObject(root, 'task_hashes', fail);

  const names = [...new Set([...Object.keys(results), ...Object.keys(groups)])];
  const tasks: TaskScores[] = names.map((task) => {
    const section = task in results ? 'results' : 'groups';
    const entry = (section === 'results' ? results : groups)[task];
    if (!isObject(entry)) fail([section, task], 'expected an object of metrics');
    const metrics = readMetrics(entry as Json, [section, task], fail);

    const subtasksRaw = groupSubtasks[task];
    if (subtasksRaw !== undefined && !(Array.isArray(subtasksRaw) && subtasksRaw.every((s) => typeof s === 'string'))) {
      fail(['group_subtasks', task], 'expected a list of task names');
    }
    const subtasks = (subtasksRaw as string[] | undefined) ?? [];

    const out: TaskScores = {
      task,
      metrics,
      higherIsBetter: readHigherIsBetter(higher[task], ['higher_is_better', task], fail),
      isGroup: task in groups || subtasks.length > 0,
      subtasks,
    };
    const ns = nSamples[task];
    if (ns !== undefined) out.samples = readSampleCounts(ns, ['n-samples', task], fail);
    const v = versions[task];
    if (typeof v === 'number' || typeof v === 'string') out.version = v;
    const h = hashes[task];
    if (typeof h === 'string') out.hash = h;
    return out;
  });

  for (const [group, subs] of Object.entries(groupSubtasks)) {
    for (const s of subs as string[]) {
      if (!names.includes(s) && !(s in groupSubtasks)) fail(['group_subtasks', group], `lists task "${s}" that has no results`);
    }
  }
  if (names.length === 0) fail(['results'], 'holds no task');
  const table: ScoreTable = { file, format: 'lm-eval-harness', tasks };
  if (typeof root.model_name === 'string' && root.model_name) table.modelName = root.model_name;
  return table;
}

/** Keys a task entry may hold that are not metrics, in any layout. */
const NOT_METRICS = new Set(['alias', 'sample_len', 'sample_count', 'name', 'samples', 'num_fewshot', 'version']);

function readMetrics(entry: Json, at: string[], fail: (k: string[], p: string) => never): MetricScore[] {
  const layout04 = Object.keys(entry).some((k) => k.includes(','));
  if (!layout04) return readV03Metrics(entry, at, fail);
  const metrics: MetricScore[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const comma = key.indexOf(',');
    if (comma < 0) {
      if (!NOT_METRICS.has(key) && typeof value === 'number') {
        fail([...at, key], 'not understood: a number without ",filter" beside metrics that have one (a v0.3 key in a v0.4 entry?)');
      }
      continue;
    }
    const name = key.slice(0, comma);
    const filter = key.slice(comma + 1);
    if (name.endsWith('_stderr')) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail([...at, key], `expected a number, got ${JSON.stringify(value)}`);
    }
    const stderrKey = `${name}_stderr,${filter}`;
    const se = entry[stderrKey];
    let stderr: number | null = null;
    if (typeof se === 'number' && Number.isFinite(se) && se >= 0) stderr = se;
    else if (se !== undefined && se !== 'N/A' && se !== null) {
      fail([...at, stderrKey], `expected a non-negative number or "N/A", got ${JSON.stringify(se)}`);
    }
    metrics.push({ metric: name, filter, value: value as number, stderr });
  }
  return metrics;
}

/** v0.3: `acc`, `acc_stderr`, `acc_norm`, … with no filter; every number is a metric. */
function readV03Metrics(entry: Json, at: string[], fail: (k: string[], p: string) => never): MetricScore[] {
  const metrics: MetricScore[] = [];
  for (const [name, value] of Object.entries(entry)) {
    if (NOT_METRICS.has(name) || name.endsWith('_stderr')) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail([...at, name], `not understood: a v0.3 metric (a key without ",filter") must be a number, got ${JSON.stringify(value)}`);
    }
    const se = entry[`${name}_stderr`];
    let stderr: number | null = null;
    if (typeof se === 'number' && Number.isFinite(se) && se >= 0) stderr = se;
    else if (se !== undefined && se !== 'N/A' && se !== null)
      fail([...at, `${name}_stderr`], `expected a non-negative number or "N/A", got ${JSON.stringify(se)}`);
    metrics.push({ metric: name, filter: 'none', value: value as number, stderr });
  }
  return metrics;
}

function readSampleCounts(value: unknown, at: string[], fail: (k: string[], p: string) => never) {
  if (!isObject(value)) fail(at, 'expected { "original": n, "effective": n }');
  const { original, effective } = value as Json;
  for (const [k, v] of [
    ['original', original],
    ['effective', effective],
  ] as const) {
    if (!Number.isInteger(v) || (v as number) < 0) fail([...at, k], `expected a non-negative integer, got ${JSON.stringify(v)}`);
  }
  if ((effective as number) > (original as number)) fail([...at, 'effective'], `is ${effective}, more than original ${original}`);
  return { original: original as number, effective: effective as number };
}

function readHigherIsBetter(value: unknown, at: string[], fail: (k: string[], p: string) => never): Record<string, boolean> {
  if (value === undefined) return {};
  if (!isObject(value)) fail(at, 'expected { metric: true | false }');
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (typeof v === 'boolean') out[k] = v;
    else if (v !== null) fail([...at, k], `expected true or false, got ${JSON.stringify(v)}`);
  }
  return out;
}

function optionalObject(root: Json, key: string, fail: (k: string[], p: string) => never): Json {
  const v = root[key];
  if (v === undefined || v === null) return {};
  if (!isObject(v)) fail([key], 'expected an object');
  return v as Json;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
