import type { LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * Korean business registration number (사업자등록번호): ten digits written `000-00-00000`.
 * The last digit is a check digit over the first nine, weighted 1,3,7,1,3,7,1,3,5; the ninth
 * digit's product also carries its tens digit into the sum (the National Tax Service's rule).
 */
const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

export type RegistrationNumberCheck = { valid: true; /** canonical `000-00-00000` */ formatted: string } | { valid: false; reason: LocalizedText };

/** The check digit the first nine digits call for. */
export function registrationCheckDigit(firstNine: readonly number[]): number {
  let sum = 0;
  WEIGHTS.forEach((w, i) => (sum += firstNine[i]! * w));
  sum += Math.floor((firstNine[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

export function formatRegistrationNumber(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

/** Accepts `000-00-00000` or the ten digits alone; anything else is a format error. */
export function checkRegistrationNumber(input: string): RegistrationNumberCheck {
  const text = input.trim();
  if (!/^\d{3}-\d{2}-\d{5}$/.test(text) && !/^\d{10}$/.test(text)) {
    return {
      valid: false,
      reason: {
        ko: `"${input}"${particle(input, '은/는')} 사업자등록번호 형식(000-00-00000)이 아닙니다`,
        en: `"${input}" is not a business registration number of the form 000-00-00000`,
      },
    };
  }
  const digits = text.replace(/-/g, '');
  const nums = [...digits].map(Number);
  const expected = registrationCheckDigit(nums);
  if (nums[9] !== expected) {
    return {
      valid: false,
      reason: {
        ko: `사업자등록번호 ${formatRegistrationNumber(digits)}의 검증번호가 맞지 않습니다 (마지막 자리 ${nums[9]}, 올바른 값 ${expected})`,
        en: `business registration number ${formatRegistrationNumber(digits)} fails its checksum (last digit ${nums[9]}, expected ${expected})`,
      },
    };
  }
  return { valid: true, formatted: formatRegistrationNumber(digits) };
}

/** Digits only, for comparing numbers written with or without dashes. */
export function registrationDigits(input: string): string {
  return input.replace(/\D/g, '');
}
