import { seoulYear } from '../shared/seoul-time.ts';
/** Receipt numbers read `PREFIX-YEAR-NNNN` (e.g. `SFM-2025-0007`); beyond 9999 the number simply grows. */
export function formatReceiptNumber(prefix: string, year: number, sequence: number): string {
  if (!/^[A-Z]{2,6}$/.test(prefix)) throw new Error(`receipt prefix "${prefix}" must be 2–6 capital letters`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`receipt year ${year} must have four digits`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`receipt sequence ${sequence} must be a positive integer`);
  return `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseReceiptNumber(text: string): { prefix: string; year: number; sequence: number } | undefined {
  const m = /^([A-Z]{2,6})-(\d{4})-(\d{4,})$/.exec(text);
  if (!m) return undefined;
  return { prefix: m[1]!, year: Number(m[2]), sequence: Number(m[3]) };
}

/** The year a receipt carries: the calendar year in Korea when the call opened. */
export function receiptYear(callOpens: Date): number {
  return seoulYear(callOpens);
}
