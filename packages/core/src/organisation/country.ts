/** ISO 3166-1 alpha-2 country codes are compared upper-case (`kr` and `KR` are the same country). */
export function normaliseCountryCode(code: string): string {
  return code.trim().toUpperCase();
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(normaliseCountryCode(code));
}
