import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 15 item 7, "one i18n system": every word the web shows comes from the locales through
// i18next, not from a second library nor from Korean written into the code.
const web = join(import.meta.dirname, '..');
const src = join(web, 'src');
const HANGUL = /[\uAC00-\uD7A3]/;

/** Korean that may stay in code, each for its reason. */
const ALLOWED: { file: string; texts: string[]; why: string }[] = [
  { file: 'layout/Shell.tsx', texts: ['한국어'], why: "a language's own name, the same on every page of the switcher" },
  { file: 'pages/evaluation/ComparisonPage.tsx', texts: ['한국어'], why: "a language's own name, choosing the report's language" },
  { file: 'api/issue-text.ts', texts: ['잘못된 값'], why: "recognises the server's generic refusal; shows nothing itself" },
  {
    file: 'i18n/index.ts',
    texts: ['은/는', '이/가', '을/를', '과/와', '으로/로'],
    why: 'the particle pairs the locales name ({{name, eul}}): part of the i18n system',
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'locales' ? [] : sources(join(dir, e.name))) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The code of a line, without a comment that takes the whole line or ends it. */
function code(line: string): string {
  const t = line.trim();
  if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return '';
  return line.replace(/\s\/\/\s.*$/, '');
}

describe('one i18n system', () => {
  it('writes no Korean in the code: every shown word is a locale key', () => {
    const found: string[] = [];
    for (const file of sources(src)) {
      const name = relative(src, file);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, n) => {
          const c = code(line);
          if (!HANGUL.test(c)) return;
          const allowed = ALLOWED.find((a) => a.file === name);
          if (allowed && !HANGUL.test(allowed.texts.reduce((rest, t) => rest.replaceAll(t, ''), c))) return;
          found.push(`${name}:${n + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('uses i18next alone', () => {
    const pkg = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    const other = /^(react-intl|@formatjs\/|@lingui\/|next-intl|typesafe-i18n|i18n-js|rosetta|node-polyglot|vue-i18n|@tolgee\/|use-intl|fbt)/;
    expect(deps.filter((d) => other.test(d))).toEqual([]);
    expect(deps).toEqual(expect.arrayContaining(['i18next', 'react-i18next']));
  });
});
