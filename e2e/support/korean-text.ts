/**
 * What a reader of a Korean page must never see: an i18n key or a JSON path (`editor.title`,
 * `phases.1.end`), a particle placeholder (`은(는)`), an English sentence, or a bare internal code
 * (`pending`, `under_review`). Names are allowed: e-mail addresses, file names, model and benchmark
 * names, task numbers and the like are data, not interface text.
 */
export interface TextProblem {
  kind: 'path' | 'particle-placeholder' | 'english' | 'code' | 'id';
  text: string;
}

const FILE_EXT = /\.(json|jsonl|pdf|csv|xlsx|safetensors|txt|md|yaml|yml|png|zip|gz|kr|com|org|io|ai|net|network)$/i;
const PATH = /(?<![@\w./:-])[a-z][a-zA-Z]*(?:\.[a-zA-Z0-9_-]+)+(?![\w@/.-])/g;
const PLACEHOLDER = /[가-힣](?:\((?:은|는|이|가|을|를|과|와|으로|로)\))|[가-힣]?(?:은\(는\)|이\(가\)|을\(를\)|과\(와\)|와\(과\))/g;
// words a sentence of English cannot do without; a name ("EXAONE 4.0", "MMLU-Pro") has none of them
const FUNCTION_WORDS = new Set([
  'the',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'not',
  'no',
  'of',
  'to',
  'for',
  'with',
  'and',
  'or',
  'this',
  'that',
  'must',
  'cannot',
  'can',
  'could',
  'has',
  'have',
  'from',
  'by',
  'on',
  'in',
  'at',
  'an',
  'a',
  'it',
  'yet',
  'any',
  'you',
  'your',
]);
const CODE = /^[a-z]+(?:[_-][a-z]+)*$/;
// a UUID, a hex digest or a random token: a database's name for a thing, not the reader's
const ID =
  /\b(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,}|(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{24,})\b/g;

/** The problems in one leaf text of a Korean page. `allowed` are data strings the page may show verbatim. */
export function koreanTextProblems(text: string, allowed: ReadonlySet<string> = new Set()): TextProblem[] {
  // a link in a message (an invitation's address) is an address, not text
  const t = text.replace(/https?:\/\/\S+/g, '').trim();
  if (!t || allowed.has(t)) return [];
  const out: TextProblem[] = [];
  for (const m of t.matchAll(PATH)) {
    if (FILE_EXT.test(m[0]) || /^\d/.test(m[0]) || allowed.has(m[0])) continue;
    out.push({ kind: 'path', text: m[0] });
  }
  for (const m of t.matchAll(ID)) out.push({ kind: 'id', text: m[0] });
  for (const m of t.matchAll(PLACEHOLDER)) out.push({ kind: 'particle-placeholder', text: m[0] });
  if (!/[가-힣]/.test(t)) {
    // words are whole tokens of letters: `demo-team-a-32b` is a name, not the article "a"
    const words = t
      .split(/\s+/)
      .map((w) => w.replace(/^[("'«]+|[)"'».,:;!?]+$/g, ''))
      .filter((w) => /^[A-Za-z']+$/.test(w));
    const fn = words.filter((w) => FUNCTION_WORDS.has(w.toLowerCase()));
    if (words.length >= 3 && fn.length >= 1 && t.match(ID) === null) out.push({ kind: 'english', text: t });
    else if (CODE.test(t) && t.length > 2) out.push({ kind: 'code', text: t });
  }
  return out;
}
