import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { particle, type ParticlePair } from '@stagegate/core/shared/korean-particles';

// Each area of the app keeps its messages in its own file (locales/<lang>/<area>.json), merged
// here, so areas can grow without editing a shared file. Korean is the default; English is complete
// (a test compares the key sets).
const load = (files: Record<string, unknown>) =>
  Object.values(files).reduce<Record<string, unknown>>((acc, m) => ({ ...acc, ...(m as { default: Record<string, unknown> }).default }), {});
export const resources = {
  ko: { translation: load(import.meta.glob('./locales/ko/*.json', { eager: true })) },
  en: { translation: load(import.meta.glob('./locales/en/*.json', { eager: true })) },
};

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('stagegate.lang') : null;

void i18n.use(initReactI18next).init({
  resources,
  lng: stored === 'en' ? 'en' : 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
  // a key missing in the chosen language is recorded where the browser test that walks every page reads it
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key) => {
    const w = globalThis as { __stagegateMissingKeys?: string[] };
    (w.__stagegateMissingKeys ??= []).push(key);
  },
});

// Korean particles follow the word they attach to: "{{name, eul}}" writes "과제를" or "모델을".
const particles: Record<string, ParticlePair> = { eun: '은/는', i: '이/가', eul: '을/를', gwa: '과/와', euro: '으로/로' };
for (const [name, pair] of Object.entries(particles))
  i18n.services.formatter?.add(name, (value: unknown) => `${String(value)}${particle(String(value), pair)}`);

export function setLanguage(lang: 'ko' | 'en'): void {
  localStorage.setItem('stagegate.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}
