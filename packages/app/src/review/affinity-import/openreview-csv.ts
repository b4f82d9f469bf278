import { splitCsv } from '../../adapters/lm-eval/csv-results.ts';
import { ImportError } from '../../adapters/import-error.ts';

/**
 * OpenReview's matcher files: one `paper,reviewer,value` row per pair, as openreview-expertise
 * writes affinity scores (no header) and as venues export bids (`paper_id,reviewer_id,bid_str`
 * style header, or none). A value is a number or a bid label, read with OpenReview's default
 * translate map for bids.
 */
export interface PairValue {
  paper: string;
  reviewer: string;
  value: number;
  line: number;
}

export const openReviewBidValues: Record<string, number> = {
  'very high': 1.0,
  high: 0.5,
  neutral: 0.0,
  low: -0.5,
  'very low': -1.0,
};

const paperColumns = ['paper', 'paper_id', 'paperid', 'submission', 'submission_id', 'note_id', 'forum', 'head'];
const reviewerColumns = ['reviewer', 'reviewer_id', 'reviewerid', 'user', 'user_id', 'profile_id', 'tail'];
const valueColumns = ['score', 'affinity', 'weight', 'bid', 'bid_str', 'label', 'value', 'constraint'];

function readValue(cell: string): number | null {
  const t = cell.trim();
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return openReviewBidValues[t.toLowerCase()] ?? null;
}

/** `valueRequired: false` reads two-column files (conflicts listed as pairs), each pair valued −1 as OpenReview marks a conflict. */
export function parseOpenReviewCsv(text: string, file: string, valueRequired = true): PairValue[] {
  const rows = splitCsv(text, file).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!rows.length) throw new ImportError(file, '', 'the file holds no rows');
  let columns = { paper: 0, reviewer: 1, value: 2 };
  const first = rows[0]!.cells.map((c) => c.trim().toLowerCase());
  const looksLikeHeader = first.some((c) => paperColumns.includes(c)) && first.some((c) => reviewerColumns.includes(c));
  if (looksLikeHeader) {
    const find = (names: string[], what: string, required: boolean) => {
      const i = first.findIndex((c) => names.includes(c));
      if (i < 0 && required) throw new ImportError(file, what, `no ${what} column in the header (one of: ${names.join(', ')})`, rows[0]!.line);
      return i;
    };
    columns = {
      paper: find(paperColumns, 'paper', true),
      reviewer: find(reviewerColumns, 'reviewer', true),
      value: find(valueColumns, 'score', valueRequired),
    };
    rows.shift();
  }
  return rows.map(({ cells, line }) => {
    const cell = (i: number) => (cells[i] ?? '').trim();
    const paper = cell(columns.paper),
      reviewer = cell(columns.reviewer);
    if (!paper) throw new ImportError(file, 'paper', 'empty paper id', line, columns.paper + 1);
    if (!reviewer) throw new ImportError(file, 'reviewer', 'empty reviewer id', line, columns.reviewer + 1);
    if (columns.value < 0 || (!valueRequired && cells.length <= columns.value)) return { paper, reviewer, value: -1, line };
    const value = readValue(cell(columns.value));
    if (value === null) {
      const known = Object.keys(openReviewBidValues)
        .map((k) => `"${k}"`)
        .join(', ');
      throw new ImportError(file, 'score', `"${cell(columns.value)}" is neither a number nor a bid (${known})`, line, columns.value + 1);
    }
    return { paper, reviewer, value, line };
  });
}
