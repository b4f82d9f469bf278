/**
 * Each benchmark's primary metric: which of the many numbers a results file reports for a task is
 * the one that is compared. Never "the first key in the file" — key order means nothing in JSON.
 *
 * The defaults follow the Open LLM Leaderboard (v1: arc_challenge 25-shot acc_norm, hellaswag
 * acc_norm, truthfulqa mc2, winogrande acc, mmlu acc, gsm8k; v2: mmlu_pro, ifeval, bbh, gpqa …)
 * and the benchmarks Program A's first stage named (KMMLU-Pro, MMLU-Pro, AIME 2025,
 * LiveCodeBench). A program extends or overrides them with its own entries (its benchmark catalog);
 * a comparison may override one task (`--metric TASK=METRIC[,FILTER]`).
 */
export interface MetricChoice {
  /** harness metric name without filter: `acc`, `acc_norm`, `exact_match`, `mc2`, `perplexity` */
  metric: string;
  /** harness filter (`none`, `strict-match`, …); absent means "the metric has one filter only" */
  filter?: string;
  higherIsBetter: boolean;
}

export interface MetricCatalogEntry {
  /** the task name as the harness writes it; a trailing `*` matches a prefix (`hendrycksTest-*`) */
  task: string;
  /**
   * The primary metric as each harness generation names it, tried in this order: the first one
   * the file holds is used. (v0.3 called gsm8k's score `acc`; v0.4 calls it
   * `exact_match,strict-match`. Both are the same number under different names.)
   */
  choices: MetricChoice[];
  /** where the convention comes from */
  source: string;
}

const LB1 = 'Open LLM Leaderboard v1 (HF, 2023–24)';
const LB2 = 'Open LLM Leaderboard v2 (HF, 2024–25)';
const KAI = 'K-AI first stage evaluation (programs.md), metric as the harness task reports it';
const up = (metric: string, filter?: string): MetricChoice => (filter ? { metric, filter, higherIsBetter: true } : { metric, higherIsBetter: true });
const down = (metric: string, filter?: string): MetricChoice => (filter ? { metric, filter, higherIsBetter: false } : { metric, higherIsBetter: false });

export const DEFAULT_METRIC_CATALOG: readonly MetricCatalogEntry[] = [
  { task: 'arc_challenge', choices: [up('acc_norm', 'none'), up('acc_norm')], source: LB1 },
  { task: 'arc_easy', choices: [up('acc_norm', 'none'), up('acc_norm')], source: 'as arc_challenge (same task family)' },
  { task: 'hellaswag', choices: [up('acc_norm', 'none'), up('acc_norm')], source: LB1 },
  { task: 'truthfulqa_mc2', choices: [up('acc', 'none'), up('acc')], source: LB1 },
  { task: 'truthfulqa_mc1', choices: [up('acc', 'none'), up('acc')], source: 'harness v0.4 truthfulqa_mc1' },
  { task: 'truthfulqa_mc', choices: [up('mc2')], source: `${LB1}, harness v0.3 task` },
  { task: 'winogrande', choices: [up('acc', 'none'), up('acc')], source: LB1 },
  { task: 'mmlu', choices: [up('acc', 'none'), up('acc')], source: LB1 },
  { task: 'mmlu_*', choices: [up('acc', 'none'), up('acc')], source: `${LB1} (subtasks)` },
  { task: 'hendrycksTest-*', choices: [up('acc')], source: `${LB1}, harness v0.3 MMLU subtasks` },
  {
    task: 'gsm8k',
    choices: [up('exact_match', 'strict-match'), up('exact_match', 'get-answer'), up('acc')],
    source: `${LB1}; v0.4.0 named the strict filter get-answer, v0.3 reported it as acc`,
  },
  { task: 'gsm8k_cot', choices: [up('exact_match', 'strict-match')], source: 'harness v0.4 gsm8k_cot' },
  { task: 'leaderboard_mmlu_pro', choices: [up('acc', 'none')], source: LB2 },
  { task: 'leaderboard_ifeval', choices: [up('prompt_level_strict_acc', 'none')], source: LB2 },
  { task: 'leaderboard_bbh', choices: [up('acc_norm', 'none')], source: LB2 },
  { task: 'leaderboard_gpqa', choices: [up('acc_norm', 'none')], source: LB2 },
  { task: 'leaderboard_musr', choices: [up('acc_norm', 'none')], source: LB2 },
  { task: 'leaderboard_math_hard', choices: [up('exact_match', 'none')], source: LB2 },
  { task: 'mmlu_pro', choices: [up('exact_match', 'custom-extract')], source: `${KAI} (harness mmlu_pro)` },
  { task: 'kmmlu_pro', choices: [up('exact_match', 'custom-extract'), up('acc', 'none')], source: KAI },
  { task: 'kmmlu', choices: [up('acc', 'none')], source: 'harness v0.4 kmmlu' },
  { task: 'aime25', choices: [up('exact_match', 'none'), up('pass@1', 'none')], source: `${KAI} (AIME 2025)` },
  { task: 'aime2025', choices: [up('exact_match', 'none'), up('pass@1', 'none')], source: `${KAI} (AIME 2025)` },
  { task: 'livecodebench', choices: [up('pass@1', 'none')], source: KAI },
  { task: 'lambada_openai', choices: [up('acc', 'none'), up('acc')], source: 'harness lambada_openai (perplexity is reported beside it)' },
  { task: 'piqa', choices: [up('acc_norm', 'none'), up('acc_norm')], source: 'harness piqa' },
  { task: 'wikitext', choices: [down('word_perplexity', 'none'), down('word_perplexity')], source: 'harness wikitext (lower is better)' },
];

/** The catalog entry for a task: an exact name wins over a prefix pattern; later catalogs override earlier ones. */
export function catalogEntryFor(task: string, ...catalogs: readonly (readonly MetricCatalogEntry[])[]): MetricCatalogEntry | undefined {
  for (const catalog of [...catalogs].reverse()) {
    const exact = catalog.find((e) => e.task === task);
    if (exact) return exact;
  }
  for (const catalog of [...catalogs].reverse()) {
    const prefix = catalog.filter((e) => e.task.endsWith('*') && task.startsWith(e.task.slice(0, -1))).sort((a, b) => b.task.length - a.task.length)[0];
    if (prefix) return prefix;
  }
  return undefined;
}

export interface ReportedMetric {
  metric: string;
  filter: string;
}

export type PrimaryMetric = { metric: string; filter: string; higherIsBetter: boolean; source: string };

export type PrimaryMetricOutcome =
  { ok: true; chosen: PrimaryMetric } | { ok: false; reason: 'undeclared' | 'absent' | 'ambiguous'; message: string; held: string[] };

const key = (m: ReportedMetric) => `${m.metric},${m.filter}`;

/**
 * Picks the task's primary metric among those a file reports. The answer depends on the set of
 * metrics, never on their order: a sorted list of what the file holds goes into every refusal.
 */
export function choosePrimaryMetric(task: string, reported: readonly ReportedMetric[], entry: MetricCatalogEntry | undefined): PrimaryMetricOutcome {
  const held = [...new Set(reported.map(key))].sort();
  if (!entry) {
    return {
      ok: false,
      reason: 'undeclared',
      held,
      message: `${task}: no primary metric is declared for this benchmark; the file holds ${held.join(', ') || 'no metric'}`,
    };
  }
  for (const choice of entry.choices) {
    const matches = reported.filter((m) => m.metric === choice.metric && (choice.filter === undefined || m.filter === choice.filter));
    const filters = [...new Set(matches.map((m) => m.filter))].sort();
    if (filters.length === 1)
      return { ok: true, chosen: { metric: choice.metric, filter: filters[0]!, higherIsBetter: choice.higherIsBetter, source: entry.source } };
    if (filters.length > 1) {
      return {
        ok: false,
        reason: 'ambiguous',
        held,
        message: `${task}: the primary metric ${choice.metric} is reported under several filters (${filters.join(', ')}); declare which one`,
      };
    }
  }
  const wanted = entry.choices.map((c) => (c.filter ? `${c.metric},${c.filter}` : c.metric)).join(' or ');
  return { ok: false, reason: 'absent', held, message: `${task}: the primary metric ${wanted} is not in the file; it holds ${held.join(', ') || 'no metric'}` };
}

/** `TASK=METRIC[,FILTER][:lower]` as the CLI's --metric takes it. */
export function parseMetricOverride(text: string): MetricCatalogEntry | null {
  const m = /^([^=]+)=([^,:=]+)(?:,([^:=]+))?(?::(lower|higher))?$/.exec(text.trim());
  if (!m) return null;
  const choice: MetricChoice = { metric: m[2]!, higherIsBetter: m[4] !== 'lower' };
  if (m[3]) choice.filter = m[3];
  return { task: m[1]!, choices: [choice], source: 'given on the command line' };
}
