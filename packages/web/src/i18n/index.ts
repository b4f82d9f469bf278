import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// Each area of the app keeps its messages in its own file (locales/<lang>/<area>.json), merged
// here, so areas can grow without editing a shared file. Korean is the default; English is complete
// (a test compares the key sets).
const load = (files: Record<string, unknown>) => Object.values(files).reduce<Record<string, unknown>>((acc, m) => ({ ...acc, ...(m as { default: Record<string, unknown> }).default }), {});
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
});

export function setLanguage(lang: 'ko' | 'en'): void {
  localStorage.setItem('stagegate.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

