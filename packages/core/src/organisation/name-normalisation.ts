/**
 * A key for deciding whether two written names mean the same organisation: "㈜업스테이지",
 * "업스테이지 주식회사" and "Upstage" differ only in legal form and spacing from their list entry.
 * Legal-form words carry no identity, so they go; so do spaces, punctuation and case. Greek and
 * Cyrillic look-alikes (`LG ΑI연구원` with a Greek Alpha) and zero-width characters count as the
 * letters they pass for.
 */
import { foldConfusables } from './confusables.ts';

// Korean legal forms, written out or abbreviated in parentheses (NFKC turns ㈜ into (주)).
const KOREAN_LEGAL_FORMS = /주식회사|유한회사|유한책임회사|합자회사|합명회사|재단법인|사단법인|학교법인|\((?:주|유|재|사|학)\)/gu;

// English legal forms only count as the trailing words of a name, so "Incheon" or "Company Labs" keep theirs.
const ENGLISH_TRAILING_FORM = /[\s,.]+(?:co|ltd|inc|corp|corporation|incorporated|limited|llc|plc|gmbh|company|co\.?,?\s*ltd)\.?$/u;

// Zero-width and other format characters make two names look alike while comparing unequal.
const INVISIBLE = /\p{Cf}/gu;

/** NFKC, then look-alike letters folded to Latin and invisible characters dropped, before case. */
function fold(name: string): string {
  return foldConfusables(name.normalize('NFKC').replace(INVISIBLE, '')).toLowerCase();
}

// The same names come back on every judgement (a lead's record, the partner university every
// second consortium lists), each folded several times per submission; the key depends on the name
// alone, so it is kept, in a bounded memo that starts over when full (names of an ordinary length
// only: at most 4,096 × 256 characters held).
const MEMO_LIMIT = 4096;
const MEMO_NAME_LENGTH = 256;
const memo = new Map<string, string>();

export function normaliseOrganisationName(name: string): string {
  if (name.length > MEMO_NAME_LENGTH) return nameKey(name);
  let key = memo.get(name);
  if (key === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    key = nameKey(name);
    memo.set(name, key);
  }
  return key;
}

function nameKey(name: string): string {
  let s = fold(name).trim();
  s = s.replace(KOREAN_LEGAL_FORMS, ' ');
  for (;;) {
    const next = s.replace(/[\s,.]+$/u, '').replace(ENGLISH_TRAILING_FORM, '');
    if (next === s || next.replace(/[\s\p{P}\p{S}]/gu, '') === '') break;
    s = next;
  }
  const key = s.replace(/[\s\p{P}\p{S}]/gu, '');
  // a name made only of legal-form words (e.g. "Inc.") keeps its letters rather than becoming empty
  return key || fold(name).replace(/[\s\p{P}\p{S}]/gu, '');
}
