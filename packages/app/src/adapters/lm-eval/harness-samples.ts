import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError } from '../import-error.ts';

// lm-evaluation-harness `samples_<task>_<timestamp>.jsonl`: one JSON object per line and per
// (document, filter): doc_id, doc, target, arguments, resps, filtered_resps, filter, metrics, and
// each metric's per-item value under its bare name ("acc": 1.0, "exact_match": 0.0).

export interface SampleItem {
  docId: number;
  filter: string;
  target: unknown;
  filteredResps: unknown;
  /** numeric per-item metric values; booleans count as 0/1 */
  values: Record<string, number>;
}

const RESERVED = new Set(['doc_id', 'doc', 'target', 'arguments', 'resps', 'filtered_resps', 'filter', 'metrics', 'doc_hash', 'prompt_hash', 'target_hash']);

export function parseHarnessSamples(text: string, file: string): SampleItem[] {
  const items: SampleItem[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const lineNo = index + 1;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      throw new ImportError(
        file,
        '',
        `invalid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`,
        lineNo,
        m ? Number(m[1]) + 1 : undefined,
      );
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ImportError(file, '', 'expected a JSON object', lineNo);
    const r = row as Record<string, unknown>;
    if (!Number.isInteger(r.doc_id) || (r.doc_id as number) < 0) {
      throw new ImportError(file, 'doc_id', `expected a non-negative integer, got ${JSON.stringify(r.doc_id)}`, lineNo);
    }
    const filter = r.filter === undefined ? 'none' : r.filter;
    if (typeof filter !== 'string') throw new ImportError(file, 'filter', `expected a string, got ${JSON.stringify(filter)}`, lineNo);
    const key = `${r.doc_id}\u0000${filter}`;
    if (seen.has(key)) throw new ImportError(file, 'doc_id', `document ${r.doc_id} appears twice for filter "${filter}"`, lineNo);
    seen.add(key);
    const declared = Array.isArray(r.metrics) ? (r.metrics as unknown[]).filter((m): m is string => typeof m === 'string') : null;
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) {
      if (RESERVED.has(k)) continue;
      if (typeof v === 'number' && Number.isFinite(v)) values[k] = v;
      else if (typeof v === 'boolean') values[k] = v ? 1 : 0;
      else if (declared?.includes(k)) throw new ImportError(file, k, `expected a number for a per-item metric, got ${JSON.stringify(v)}`, lineNo);
    }
    items.push({ docId: r.doc_id as number, filter, target: r.target, filteredResps: r.filtered_resps, values });
  });
  return items;
}

/** The newest `samples_<task>_<timestamp>.jsonl` in a folder, or undefined. */
export async function findSamplesFile(dir: string, task: string): Promise<string | undefined> {
  const prefix = `samples_${task}_`;
  const files = (await readdir(dir)).filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl') && /^\d{4}-\d{2}-\d{2}T/.test(f.slice(prefix.length)));
  files.sort();
  return files.length ? join(dir, files[files.length - 1]!) : undefined;
}

/**
 * Per-item values of one metric and filter for a task (or a group, through its leaf tasks; doc ids
 * are then prefixed with the leaf task so they stay unique). Undefined when a leaf has no file.
 */
export async function loadItemValues(dir: string, leafTasks: readonly string[], metric: string, filter: string): Promise<Map<string, number> | undefined> {
  const out = new Map<string, number>();
  for (const leaf of leafTasks) {
    const file = await findSamplesFile(dir, leaf);
    if (!file) return undefined;
    const items = parseHarnessSamples(await readFile(file, 'utf8'), file);
    let found = 0;
    for (const item of items) {
      if (item.filter !== filter) continue;
      const v = item.values[metric];
      if (v === undefined) throw new ImportError(file, metric, `document ${item.docId} (filter "${filter}") has no value for this metric`);
      out.set(leafTasks.length > 1 ? `${leaf}:${item.docId}` : String(item.docId), v);
      found++;
    }
    if (found === 0) throw new ImportError(file, 'filter', `no items with filter "${filter}" and metric "${metric}"`);
  }
  return out;
}
