import { describe, expect, it } from 'vitest';
import ko from '../src/i18n/ko.json';
import en from '../src/i18n/en.json';

function leaves(obj: unknown, prefix = ''): Record<string, string> {
  if (typeof obj === 'string') return { [prefix]: obj };
  return Object.entries(obj as Record<string, unknown>).reduce((acc, [k, v]) => ({ ...acc, ...leaves(v, prefix ? `${prefix}.${k}` : k) }), {});
}
const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const k = leaves(ko);
  const e = leaves(en);
  it('English has every Korean key and no other', () => {
    expect(Object.keys(e).sort()).toEqual(Object.keys(k).sort());
  });
  it('both languages use the same placeholders in each message', () => {
    for (const key of Object.keys(k)) expect(placeholders(e[key] ?? ''), key).toEqual(placeholders(k[key]!));
  });
  it('no message is empty', () => {
    for (const [key, v] of [...Object.entries(k), ...Object.entries(e)]) expect(v.trim(), key).not.toBe('');
  });
});
