/** A `datetime-local` value read as Korea's time (the office's clock), whatever the browser's zone. */
export const seoulInputToIso = (v: string): string => (v ? `${v}:00+09:00` : '');

const seoulParts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as a `datetime-local` value in Korea's time. */
export const isoToSeoulInput = (iso: string | undefined): string => (iso ? seoulParts.format(new Date(iso)).replace(' ', 'T') : '');
