import { describe, expect, it } from 'vitest';
import { daysLeft } from '../src/format/days-left';

describe('days left to a review due date, counted in Korean calendar days', () => {
  it('counts a due time late tomorrow (Seoul) as one day, whatever the hour today', () => {
    // 2026-12-19 23:59 KST is 14:59 UTC; "now" is 2026-12-18 00:30 KST (15:30 UTC the day before)
    expect(daysLeft('2026-12-19T14:59:00Z', new Date('2026-12-17T15:30:00Z'))).toBe(1);
    expect(daysLeft('2026-12-19T14:59:00Z', new Date('2026-12-18T14:00:00Z'))).toBe(1);
  });

  it('reads the date in Seoul, not in UTC: 08:00 KST on the 20th is still the 20th', () => {
    // 2026-12-19T23:00Z is 2026-12-20 08:00 KST
    expect(daysLeft('2026-12-19T23:00:00Z', new Date('2026-12-10T03:00:00Z'))).toBe(10);
  });

  it('is zero on the due day and negative after it', () => {
    expect(daysLeft('2026-12-19T14:59:00Z', new Date('2026-12-19T01:00:00Z'))).toBe(0);
    expect(daysLeft('2026-12-19T14:59:00Z', new Date('2026-12-21T01:00:00Z'))).toBe(-2);
  });
});
