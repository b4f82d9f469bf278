/**
 * Korean particles follow the final consonant of the word before them (은/는, 이/가, 을/를, 과/와,
 * 으로/로): "컨소시엄은", "과제는". A word that ends in a digit or a Latin letter takes the particle of
 * how it is read aloud ("sfm-01은" is read 공일 → 은; "GPU는" → 유 → 는).
 */
export type ParticlePair = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로' | '이에요/예요' | '이나/나';

const DIGIT_HAS_FINAL = [true, true, false, true, false, false, true, true, true, false]; // 영 일 이 삼 사 오 육 칠 팔 구
const DIGIT_FINAL_IS_RIEUL = [false, true, false, false, false, false, false, true, true, false]; // 일 칠 팔
// Latin letters read with a final consonant: L (엘), M (엠), N (엔), R (알)
const LATIN_FINAL = new Set(['l', 'm', 'n', 'r']);
const TRAILING = /[\s)\]}"'’”」』>.,!?…]+$/u;

/** 'none' | 'rieul' (ㄹ, which takes 로 not 으로) | 'other' for the sound that ends the word. */
function finalSound(word: string): 'none' | 'rieul' | 'other' {
  const trimmed = word.replace(TRAILING, '');
  const last = trimmed.at(-1);
  if (!last) return 'none';
  const code = last.codePointAt(0)!;
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    if (jong === 0) return 'none';
    return jong === 8 ? 'rieul' : 'other';
  }
  if (last >= '0' && last <= '9') {
    const d = Number(last);
    if (!DIGIT_HAS_FINAL[d]) return 'none';
    return DIGIT_FINAL_IS_RIEUL[d] ? 'rieul' : 'other';
  }
  const lower = last.toLowerCase();
  if (LATIN_FINAL.has(lower)) return lower === 'l' || lower === 'r' ? 'rieul' : 'other';
  return 'none';
}

/** The particle that follows `word` (a number is read as its digits), without the word. */
export function particle(word: string | number, pair: ParticlePair): string {
  const [withFinal, withoutFinal] = pair.split('/') as [string, string];
  const sound = finalSound(String(word));
  if (pair === '으로/로') return sound === 'other' ? withFinal : withoutFinal;
  return sound === 'none' ? withoutFinal : withFinal;
}

/** The word with its particle attached: josa('컨소시엄', '은/는') → '컨소시엄은'. */
export function josa(word: string, pair: ParticlePair): string {
  return `${word}${particle(word, pair)}`;
}
