import { SEOUL_OFFSET_SECONDS } from '@stagegate/core/shared/seoul-time';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A window bound that is not an instant; `field` is the bound (`start`, `end`) for the CLI flag or the API field. */
export class WindowInstantError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

/**
 * An ISO 8601 instant for a usage window, in Unix seconds. Without an offset (a bare date, or a
 * local date-time) it is read in Asia/Seoul, the programs' time zone, so `--start 2026-03-01`
 * means Seoul midnight, the same day boundary the daily ledger uses.
 */
export function parseWindowInstant(text: string, field: string): number {
  const m = ISO.exec(text.trim());
  if (!m) throw new WindowInstantError(field, `not an ISO 8601 date or date-time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const base = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) / 1000;
  const check = new Date(base * 1000);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59) {
    throw new WindowInstantError(field, `no such date or time: ${JSON.stringify(text)}`);
  }
  let offset = SEOUL_OFFSET_SECONDS;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const z = zone.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 3600 + Number(z.slice(3, 5)) * 60);
  }
  return base - offset;
}
