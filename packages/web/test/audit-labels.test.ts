import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The audit viewer says each action and kind of object in words (issue 15 items 6 and 7). Every
// action and object type the app writes as a literal must have those words, in both languages.
const appSrc = fileURLToPath(new URL('../../app/src/', import.meta.url));
const locale = (lang: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../src/i18n/locales/${lang}/audit.json`, import.meta.url)), 'utf8')).audit;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('audit viewer words', () => {
  const text = sources(appSrc).join('\n');
  const actions = new Set([...text.matchAll(/\b(?:action|auditAction): '([a-zA-Z][\w.-]*)'/g)].map((m) => m[1]!));
  const objectTypes = new Set([...text.matchAll(/\bobjectType: '([a-zA-Z][\w.-]*)'/g)].map((m) => m[1]!));

  it('finds the actions the app writes', () => {
    expect(actions.size).toBeGreaterThan(60);
    expect(actions).toContain('program.update');
  });

  for (const lang of ['ko', 'en']) {
    it(`has a word for every part of every action and for every kind of object (${lang})`, () => {
      const { words, objects } = locale(lang);
      const parts = [...new Set([...actions].flatMap((a) => a.split('.')))];
      expect(parts.filter((p) => !words[p])).toEqual([]);
      expect([...objectTypes].filter((o) => !objects[o])).toEqual([]);
    });
  }
});
