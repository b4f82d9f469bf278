import { issue, type FieldIssue } from '@stagegate/core/shared/localized';

export type CsvEntries = { ok: true; entries: { team: string; component: string; value: number; note?: string }[] } | { ok: false; issues: FieldIssue[] };

/**
 * Measurements as CSV with a header `team,component,value[,note]` (e.g. benchmark ratios exported
 * from the evaluation runs). Fields hold no commas; a bad line is named by its number.
 */
export function parseMeasurementCsv(text: string): CsvEntries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('team') < 0 || col('component') < 0 || col('value') < 0) {
    return {
      ok: false,
      issues: [issue('csv.line.1', '첫 줄은 team,component,value[,note] 머리글이어야 합니다', 'line 1 must be the header team,component,value[,note]')],
    };
  }
  const issues: FieldIssue[] = [];
  const entries: { team: string; component: string; value: number; note?: string }[] = [];
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    if (!line.trim()) return;
    const cells = line.split(',').map((c) => c.trim());
    const value = Number(cells[col('value')]);
    if (cells.length < header.length - (col('note') >= 0 ? 1 : 0)) {
      issues.push(issue(`csv.line.${n}`, `${n}번째 줄의 칸 수가 모자랍니다`, `line ${n} has too few fields`));
    } else if (!cells[col('value')] || !Number.isFinite(value)) {
      issues.push(issue(`csv.line.${n}`, `${n}번째 줄의 value가 숫자가 아닙니다`, `line ${n}: value is not a number`));
    } else {
      const note = col('note') >= 0 ? cells[col('note')] : undefined;
      entries.push({ team: cells[col('team')]!, component: cells[col('component')]!, value, ...(note ? { note } : {}) });
    }
  });
  if (issues.length) return { ok: false, issues };
  if (entries.length === 0) return { ok: false, issues: [issue('csv', '값이 있는 줄이 없습니다', 'no data lines')] };
  return { ok: true, entries };
}
