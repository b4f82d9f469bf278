import { ImportError } from '../import-error.ts';
import type { ScoreTable, TaskScores } from './score-table.ts';

// Plain CSV for benchmarks outside the harness. A header row names the columns; `benchmark`,
// `metric` and `score` are required, `stderr` and `n` optional (cells may be empty).
//   benchmark,metric,score,stderr,n
//   kmmlu-pro,acc,0.612,0.0041,14000

const REQUIRED = ['benchmark', 'metric', 'score'] as const;
const KNOWN = new Set(['benchmark', 'metric', 'score', 'stderr', 'n']);

export function parseCsvResults(text: string, file: string): ScoreTable {
  const rows = splitCsv(text, file);
  if (rows.length === 0) throw new ImportError(file, '', 'empty file; expected a header row benchmark,metric,score[,stderr][,n]', 1);
  const header = rows[0]!.cells.map((c) => c.trim().toLowerCase());
  for (const r of REQUIRED) if (!header.includes(r)) throw new ImportError(file, r, 'missing column in the header row', 1);
  header.forEach((h, i) => {
    if (!KNOWN.has(h)) throw new ImportError(file, h, 'unknown column; expected benchmark, metric, score, stderr, n', 1, i + 1);
  });
  const col = (name: string) => header.indexOf(name);
  const tasks = new Map<string, TaskScores>();
  for (const { cells, line } of rows.slice(1)) {
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (cells.length !== header.length) throw new ImportError(file, '', `expected ${header.length} cells, found ${cells.length}`, line);
    const cell = (name: string) => (col(name) < 0 ? '' : cells[col(name)]!.trim());
    const number = (name: string, opts: { optional: boolean; integer?: boolean; min?: number }) => {
      const raw = cell(name);
      if (raw === '' || raw.toUpperCase() === 'N/A') {
        if (opts.optional) return null;
        throw new ImportError(file, name, 'is empty', line, col(name) + 1);
      }
      const v = Number(raw);
      if (!Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min)) {
        throw new ImportError(
          file,
          name,
          `expected ${opts.integer ? 'a whole number' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}, got "${raw}"`,
          line,
          col(name) + 1,
        );
      }
      return v;
    };
    const benchmark = cell('benchmark');
    const metric = cell('metric');
    if (!benchmark) throw new ImportError(file, 'benchmark', 'is empty', line, col('benchmark') + 1);
    if (!metric) throw new ImportError(file, 'metric', 'is empty', line, col('metric') + 1);
    const score = number('score', { optional: false })!;
    const stderr = number('stderr', { optional: true, min: 0 });
    const n = number('n', { optional: true, integer: true, min: 1 });
    let task = tasks.get(benchmark);
    if (!task) {
      task = { task: benchmark, metrics: [], higherIsBetter: {}, isGroup: false, subtasks: [] };
      tasks.set(benchmark, task);
    }
    if (task.metrics.some((m) => m.metric === metric))
      throw new ImportError(file, 'metric', `"${benchmark}" has metric "${metric}" twice`, line, col('metric') + 1);
    task.metrics.push({ metric, filter: 'none', value: score, stderr });
    if (n !== null) task.samples = { original: n, effective: n };
  }
  return { file, format: 'csv', tasks: [...tasks.values()] };
}

/** RFC 4180 cells: quoted fields may hold commas, doubled quotes and line breaks. */
export function splitCsv(text: string, file: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [],
    cell = '',
    quoted = false,
    line = 1,
    rowLine = 1,
    quoteLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new ImportError(file, '', 'a quoted cell is never closed', quoteLine);
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}
