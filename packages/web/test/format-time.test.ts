import { describe, expect, it } from 'vitest';
import { displayTimeZone, formatDate, formatInstant, pick } from '../src/format/time.ts';

// issue 20 item 9: instants show in Asia/Seoul (UTC+9, no daylight saving) whatever the machine's zone
describe('formatInstant', () => {
  it('shows a UTC evening as the next morning in Seoul (the date boundary)', () => {
    expect(displayTimeZone).toBe('Asia/Seoul');
    expect(formatInstant('2026-01-31T15:30:00Z', 'en')).toBe('01/02/2026, 00:30 KST');
    expect(formatInstant('2026-01-31T15:30:00Z', 'ko')).toMatch(/^2026\. 02\. 01\.? 00:30 KST$/);
  });

  it('keeps the same Seoul day just before midnight, and the year turns at 15:00 UTC on 31 December', () => {
    expect(formatInstant('2026-02-01T14:59:00Z', 'en')).toBe('01/02/2026, 23:59 KST');
    expect(formatInstant('2025-12-31T14:59:59Z', 'en')).toBe('31/12/2025, 23:59 KST');
    expect(formatInstant(new Date(Date.UTC(2025, 11, 31, 15, 0)), 'en')).toBe('01/01/2026, 00:00 KST');
  });

  it('does not follow daylight saving elsewhere: summer and winter are both UTC+9', () => {
    expect(formatInstant('2026-07-01T03:00:00Z', 'en')).toBe('01/07/2026, 12:00 KST');
    expect(formatInstant('2026-01-01T03:00:00Z', 'en')).toBe('01/01/2026, 12:00 KST');
  });
});

describe('formatDate', () => {
  it('shows a calendar date as written, never shifted by a time zone', () => {
    expect(formatDate('2026-01-01', 'ko')).toBe('2026년 1월 1일');
    expect(formatDate('2026-01-01', 'en')).toBe('1 Jan 2026');
    expect(formatDate('2025-12-31', 'en')).toBe('31 Dec 2025');
  });
});

describe('pick', () => {
  it('takes the text of the language, Korean by default, and nothing for no text', () => {
    expect(pick({ ko: '작성 중', en: 'draft' }, 'en')).toBe('draft');
    expect(pick({ ko: '작성 중', en: 'draft' }, 'ko')).toBe('작성 중');
    expect(pick(undefined, 'ko')).toBe('');
  });
});
