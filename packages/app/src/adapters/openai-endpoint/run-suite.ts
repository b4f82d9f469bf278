import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadDataset, type DatasetItem } from './dataset.ts';
import { DEFAULT_RETRY, postJsonWithRetry, type RetryPolicy } from './http-retry.ts';
import { resolveOutbound, type OutboundPolicy } from './outbound.ts';
import { buildRequest, scoreResponse } from './item-request.ts';
import { itemKey, JournalWriter, readJournal, type JournalEntry } from './journal.ts';
import { writeHarnessOutput } from './harness-writer.ts';
import type { Suite, SuiteTask } from './suite.ts';

export interface RunProgress {
  total: number;
  /** items finished, including those found in the journal */
  done: number;
  /** items found in the journal when the run started */
  resumed: number;
  failed: number;
  task: string;
}

export interface RunOptions {
  /** base URL of an OpenAI-compatible server, with or without a trailing /v1 */
  endpoint: string;
  model: string;
  suite: Suite;
  outDir: string;
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  apiKey?: string;
  /** may the endpoint be a loopback/private address (the CLI on the operator's machine; an endpoint the office allowed) */
  outbound: OutboundPolicy;
  /** stop: no new items start; items already asked finish and are journaled */
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** clock for the output file names (tests pass a fixed one) */
  now?: () => Date;
}

export type RunOutcome =
  | { status: 'complete'; resultsPath: string; total: number; requested: number; resumed: number }
  | { status: 'stopped'; total: number; done: number; requested: number; resumed: number }
  | { status: 'incomplete'; total: number; done: number; requested: number; resumed: number; failures: { task: string; docId: number; error: string }[] };

export const JOURNAL_FILE = 'journal.jsonl';

/**
 * Runs a suite against an endpoint. Every finished item is appended to `<out>/journal.jsonl` with
 * its request and answer before it counts as done, so a stopped or crashed run started again with
 * the same --out asks only for the items it has no answer for. When every item has an answer the
 * harness-format results and samples are written from the journal, so a resumed run produces the
 * same numbers as an uninterrupted one.
 */
export async function runSuite(options: RunOptions): Promise<RunOutcome> {
  const { suite, model, outDir } = options;
  const endpoint = options.endpoint.replace(/\/+$/, '').replace(/\/v1$/, '');
  // resolved once for the whole run: every item goes to the same, checked address
  const target = await resolveOutbound(endpoint, options.outbound);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const concurrency = Math.max(1, options.concurrency ?? 8);
  // Dataset folders may move between a stop and a resume; what the items are asked must not.
  const identity = suite.tasks.map((t) => ({ ...t, dataset: basename(t.dataset) }));
  const suiteHash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
  await mkdir(outDir, { recursive: true });
  const journalPath = join(outDir, JOURNAL_FILE);
  const journal = await readJournal(journalPath);
  if (journal.header && (journal.header.model !== model || journal.header.suite !== suiteHash)) {
    throw new Error(
      `${journalPath} belongs to another run (model ${journal.header.model}, suite ${journal.header.suite}); use another --out folder or move the journal away`,
    );
  }

  const datasets = new Map<string, DatasetItem[]>();
  for (const task of suite.tasks) datasets.set(task.name, await loadDataset(task.dataset));
  const pending: { task: SuiteTask; item: DatasetItem }[] = [];
  let total = 0;
  for (const task of suite.tasks) {
    for (const item of datasets.get(task.name)!) {
      total++;
      if (!journal.done.has(itemKey(task.name, item.docId))) pending.push({ task, item });
    }
  }
  const resumed = total - pending.length;
  const done = new Map(journal.done);
  const failures: { task: string; docId: number; error: string }[] = [];
  let requested = 0;

  const writer = await JournalWriter.open(journalPath);
  try {
    if (!journal.header) await writer.append({ kind: 'run', model, endpoint, suite: suiteHash });
    const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
    let next = 0;
    const report = (task: string) => options.onProgress?.({ total, done: done.size, resumed, failed: failures.length, task });
    const worker = async () => {
      while (next < pending.length && !options.signal?.aborted) {
        const { task, item } = pending[next++]!;
        const request = buildRequest(task, item, model);
        requested++;
        try {
          const res = await postJsonWithRetry(target, endpoint + request.path, request.body, headers, policy, options.signal);
          const sample = scoreResponse(task, item, request, res.body);
          const entry: JournalEntry = {
            kind: 'item',
            task: task.name,
            docId: item.docId,
            attempts: res.attempts,
            request: request.body,
            response: res.body,
            sample,
            at: new Date().toISOString(),
          };
          await writer.append(entry);
          done.set(itemKey(task.name, item.docId), entry);
        } catch (e) {
          const error = (e as Error).message;
          failures.push({ task: task.name, docId: item.docId, error });
          await writer.append({ kind: 'failure', task: task.name, docId: item.docId, error, at: new Date().toISOString() });
        }
        report(task.name);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  } finally {
    await writer.close();
  }

  if (failures.length) return { status: 'incomplete', total, done: done.size, requested, resumed, failures };
  if (done.size < total) return { status: 'stopped', total, done: done.size, requested, resumed };
  const outcomes = suite.tasks.map((task) => ({
    task,
    samples: datasets.get(task.name)!.map((item) => done.get(itemKey(task.name, item.docId))!.sample),
  }));
  const resultsPath = await writeHarnessOutput(outDir, outcomes, {
    model,
    endpoint,
    suite: suite.name,
    date: (options.now ?? (() => new Date()))(),
  });
  return { status: 'complete', resultsPath, total, requested, resumed };
}
