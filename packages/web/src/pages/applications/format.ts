import { displayTimeZone } from '../../format/time';

/** HH:MM in Korea's time zone, for "saved at". */
export function clockTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ko-KR', { timeZone: displayTimeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );
}

export function fileSize(bytes: number, lang: string): string {
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ko-KR', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / (1024 * 1024))} MB`;
}
