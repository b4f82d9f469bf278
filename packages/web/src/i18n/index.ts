import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ko from './ko.json';
import en from './en.json';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('stagegate.lang') : null;

// Korean is the default language; English is complete (a test compares the two key sets).
void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: 'ko' | 'en'): void {
  localStorage.setItem('stagegate.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
