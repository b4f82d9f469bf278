import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/adapters/openai-endpoint/http-retry.ts';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and caps what would stall a run', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Mon, 05 Jan 2026 10:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Mon, 05 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(600_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
