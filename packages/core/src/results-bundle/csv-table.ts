/**
 * The small CSV dialect of a result bundle: RFC 4180 quoting, a header row, `\n` line ends. Kept
 * here so the office writing a bundle and anyone verifying it read the same bytes the same way.
 */
export class CsvError extends Error {}

const needsQuote = /[",\n\r]/;
const cell = (v: string | number | boolean | null): string => {
  const s = v === null ? '' : String(v);
  return needsQuote.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const MAX_ROWS = 1_000_000;

/** Parses a bundle CSV into records keyed by the header; refuses ragged rows, naming the line. */
export function parseCsv(text: string, name: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    if (rows.length > MAX_ROWS) throw new CsvError(`${name}: more than ${MAX_ROWS} rows`);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else {
        if (ch === '"') quoted = false;
        else field += ch;
        i++;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`${name}: a quoted field is not closed`);
  if (field !== '' || row.length) endRow();
  const [header, ...body] = rows;
  if (!header) throw new CsvError(`${name}: no header row`);
  return body.map((r, n) => {
    if (r.length !== header.length) throw new CsvError(`${name}: line ${n + 2} has ${r.length} fields, the header has ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]!]));
  });
}

/** A number cell; a blank or non-numeric cell is a bad bundle, named by file, line and column. */
export function csvNumber(record: Record<string, string>, column: string, name: string, line: number): number {
  const raw = record[column];
  if (raw === undefined) throw new CsvError(`${name}: no column "${column}"`);
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new CsvError(`${name}: line ${line}, column "${column}" is not a number ("${raw}")`);
  return v;
}

export function csvText(record: Record<string, string>, column: string, name: string): string {
  const raw = record[column];
  if (raw === undefined) throw new CsvError(`${name}: no column "${column}"`);
  return raw;
}
