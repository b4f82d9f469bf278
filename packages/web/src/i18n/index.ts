import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { mergeLocales } from './merge-locales';
import { initReactI18next } from 'react-i18next';
import { particle, type ParticlePair } from '@stagegate/core/shared/korean-particles';

// Each area of the app keeps its messages in its own file (locales/<lang>/<area>.json), merged
// here, so areas can grow without editing a shared file. Korean is the default and comes with the
// first page; English is complete (a test compares the key sets) and is a chunk of its own, fetched
// when someone chooses it: the messages of both languages were a sixth of the first page's
// JavaScript.
let english: Promise<void> | null = null;

/** The English messages in, fetched once; a fetch that failed is tried again on the next call. */
export function englishReady(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return Promise.resolve();
  english ??= import('./english').then(
    (m) => void i18n.addResourceBundle('en', 'translation', m.english, true, true),
    (error: unknown) => {
      english = null;
      throw error;
    },
  );
  return english;
}

// i18next asks for English through this when English is the language at start-up; a component
// whose language is on its way suspends (react-i18next's default) rather than show keys or Korean
const otherLanguages: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => undefined,
  read(language, _namespace, done) {
    if (language !== 'en') return done(null, {});
    englishReady().then(
      () => done(null, i18n.getResourceBundle('en', 'translation') as ResourceKey),
      (error: unknown) => done(error instanceof Error ? error.message : String(error), null),
    );
  },
};

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('stagegate.lang') : null;

void i18n
  .use(otherLanguages)
  .use(initReactI18next)
  .init({
    resources: { ko: { translation: mergeLocales(import.meta.glob('./locales/ko/*.json', { eager: true })) } },
    partialBundledLanguages: true,
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

/** Switches the interface's language; English is fetched first, so the switch shows no key or Korean. */
export async function setLanguage(lang: 'ko' | 'en'): Promise<void> {
  if (lang === 'en') await englishReady();
  localStorage.setItem('stagegate.lang', lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}
