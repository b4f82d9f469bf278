import type { TFunction } from 'i18next';
import type { CallSummary } from './api';

export type CallState = 'open' | 'upcoming' | 'closed';

/**
 * The server's judgement of the call (its recorded step read against the database's clock) when
 * it sent one; else the window against the server's clock (`now` from the API), never the browser's.
 */
export function callState(c: Pick<CallSummary, 'opens' | 'closes' | 'state'>, now: Date): CallState {
  if (c.state) return c.state === 'open' ? 'open' : c.state === 'draft' ? 'upcoming' : 'closed';
  if (now < new Date(c.opens)) return 'upcoming';
  if (now >= new Date(c.closes)) return 'closed';
  return 'open';
}

export function durationText(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t('applications.calls.daysHours', { days, hours });
  return t('applications.calls.hoursMinutes', { hours, minutes: minutes % 60 });
}

export const stateColor: Record<CallState, string> = { open: 'teal', upcoming: 'blue', closed: 'gray' };
