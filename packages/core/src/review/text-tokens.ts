/**
 * Tokens for matching proposal text to reviewer profiles, for Korean and English alike:
 * lower-cased runs of letters and digits; a Hangul run is kept whole and also cut into character
 * bigrams, because Korean attaches particles to words ("모델을", "모델의") and bigrams still meet.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const HANGUL = /\p{Script=Hangul}/u;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().normalize('NFC').matchAll(WORD)) {
    const w = m[0];
    out.push(w);
    if (HANGUL.test(w) && w.length > 2) {
      for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(i, i + 2));
    }
  }
  return out;
}

/** Normalises a keyword or domain label for set comparison. */
export const normaliseTerm = (t: string): string => t.toLowerCase().normalize('NFC').trim().replace(/\s+/g, ' ');
