import { formatSeoulMinute, SEOUL_UTC_OFFSET } from '@stagegate/core/shared/seoul-time';

/** A `datetime-local` value read as Korea's time (the office's clock), whatever the browser's zone. */
export const seoulInputToIso = (v: string): string => (v ? `${v}:00${SEOUL_UTC_OFFSET}` : '');

/** An instant as a `datetime-local` value in Korea's time. */
export const isoToSeoulInput = (iso: string | undefined): string => (iso ? formatSeoulMinute(new Date(iso)).replace(' ', 'T') : '');
