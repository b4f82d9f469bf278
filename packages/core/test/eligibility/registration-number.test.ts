import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRegistrationNumber, registrationCheckDigit } from '../../src/organisation/registration-number.ts';

describe('business registration number (사업자등록번호)', () => {
  // published numbers of well-known companies; the ninth digit of most is ≥ 2, so the carry matters
  it.each(['124-81-00998', '220-81-62517', '107-86-14075', '104-81-37225', '120-81-47521'])('accepts %s', (n) => {
    expect(checkRegistrationNumber(n)).toEqual({ valid: true, formatted: n });
  });

  it('accepts the ten digits without dashes and writes them as 000-00-00000', () => {
    expect(checkRegistrationNumber('1248100998')).toEqual({ valid: true, formatted: '124-81-00998' });
  });

  it('rejects a wrong check digit and says which digit was expected', () => {
    const r = checkRegistrationNumber('124-81-00997');
    expect(r.valid).toBe(false);
    if (!r.valid) {
      expect(r.reason.en).toContain('checksum');
      expect(r.reason.en).toContain('expected 8');
      expect(r.reason.ko).toContain('검증번호');
    }
  });

  it('needs the carry of the ninth digit: without it 124-81-00998 would want a different check digit', () => {
    const digits = [1, 2, 4, 8, 1, 0, 0, 9, 9];
    const withoutCarry = (10 - (digits.reduce((s, d, i) => s + d * [1, 3, 7, 1, 3, 7, 1, 3, 5][i]!, 0) % 10)) % 10;
    expect(withoutCarry).not.toBe(8);
    expect(registrationCheckDigit(digits)).toBe(8);
  });

  it.each(['124-8100998', '124-81-0099', '12-481-00998', 'abc-de-fghij', '', '124 81 00998'])('rejects the malformed %j', (n) => {
    const r = checkRegistrationNumber(n);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.reason.en).toContain('000-00-00000');
  });

  it('exactly one check digit completes any nine digits, and changing any one digit breaks it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nine, position, delta) => {
          const valid = [...nine, registrationCheckDigit(nine)];
          const text = valid.join('');
          expect(checkRegistrationNumber(text).valid).toBe(true);
          const typo = [...valid];
          typo[position] = (typo[position]! + delta) % 10;
          expect(checkRegistrationNumber(typo.join('')).valid).toBe(false);
        },
      ),
    );
  });
});
