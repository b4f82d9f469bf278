import { SEOUL_TIME_ZONE } from '@stagegate/core/shared/seoul-time';
import type { LocalizedText } from '../api/types';

/** Instants are stored in UTC and always shown in Korea's time zone, whatever the browser's. */
export const displayTimeZone = SEOUL_TIME_ZONE;

export function formatInstant(iso: string | Date, lang: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return (
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ko-KR', {
      timeZone: displayTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      // h23, not hour12: false: ko-KR with hour12: false writes the first hour after midnight as 24:30
      hourCycle: 'h23',
    }).format(d) + ' KST'
  );
}

/** Calendar dates (phase boundaries) carry no time zone: shown as written. */
export function formatDate(date: string, lang: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (lang === 'en')
    return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
  return new Intl.DateTimeFormat('ko-KR', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
}

export function pick(text: LocalizedText | undefined, lang: string): string {
  if (!text) return '';
  return lang === 'en' ? text.en : text.ko;
}
