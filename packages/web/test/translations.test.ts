import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = (lang: string) => fileURLToPath(new URL(`../src/i18n/locales/${lang}/`, import.meta.url));
function load(lang: string): Record<string, unknown> {
  return readdirSync(dir(lang))
    .filter((f) => f.endsWith('.json'))
    .reduce((acc, f) => ({ ...acc, ...JSON.parse(readFileSync(dir(lang) + f, 'utf8')) }), {});
}
function leaves(obj: unknown, prefix = ''): Record<string, string> {
  if (typeof obj === 'string') return { [prefix]: obj };
  return Object.entries(obj as Record<string, unknown>).reduce((acc, [k, v]) => ({ ...acc, ...leaves(v, prefix ? `${prefix}.${k}` : k) }), {});
}
const placeholders = (s: string) => [...s.matchAll(/{{(\w+)(?:, *\w+)?}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const k = leaves(load('ko'));
  const e = leaves(load('en'));
  it('has the same files for both languages', () => {
    expect(readdirSync(dir('en')).sort()).toEqual(readdirSync(dir('ko')).sort());
  });
  it('English has every Korean key and no other', () => {
    expect(Object.keys(e).sort()).toEqual(Object.keys(k).sort());
  });
  it('both languages use the same placeholders in each message', () => {
    for (const key of Object.keys(k)) expect(placeholders(e[key] ?? ''), key).toEqual(placeholders(k[key]!));
  });
  it('no two files hold the same top-level key (the files are merged shallowly: one would hide the other)', () => {
    for (const lang of ['ko', 'en']) {
      const roots = readdirSync(dir(lang))
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => Object.keys(JSON.parse(readFileSync(dir(lang) + f, 'utf8'))));
      expect(
        roots.filter((r, i) => roots.indexOf(r) !== i),
        lang,
      ).toEqual([]);
    }
  });
  it('Korean messages write the particle that fits, never a placeholder such as 은(는)', () => {
    const placeholder = /은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|과\(와\)|와\(과\)|\(으\)로/;
    for (const [key, v] of Object.entries(k)) expect(v, key).not.toMatch(placeholder);
  });
  it('no message is empty', () => {
    for (const [key, v] of [...Object.entries(k), ...Object.entries(e)]) expect(v.trim(), key).not.toBe('');
  });
});
