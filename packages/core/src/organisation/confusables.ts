/**
 * Letters of other scripts that look like Latin ones. A name written with a Greek capital Alpha
 * (`LG ΑI연구원`) or a Cyrillic `С` reads as the listed name to a person, so it must compare equal
 * to it. Covers the Greek and Cyrillic look-alikes of Unicode's confusables list (confusables.txt)
 * that map to a single Latin letter; NFKC has already folded full-width and compatibility forms.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Greek capitals
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Greek small letters that pass for Latin ones
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  // Cyrillic capitals
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'I',
  // Cyrillic small letters
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  һ: 'h',
  ү: 'y',
};

const PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/** Replaces every Greek or Cyrillic look-alike with the Latin letter it passes for. */
export function foldConfusables(text: string): string {
  return text.replace(PATTERN, (ch) => LOOK_ALIKES[ch] ?? ch);
}

/** The Latin letters that have look-alikes, with them: for tests that disguise a name. */
export function lookAlikesOf(latin: string): string[] {
  return Object.entries(LOOK_ALIKES)
    .filter(([, l]) => l === latin)
    .map(([k]) => k);
}
