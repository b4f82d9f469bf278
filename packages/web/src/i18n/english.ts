import { mergeLocales } from './merge-locales';

/** Every English message, a chunk of its own: fetched when English is chosen or a page needs both languages. */
export const english = mergeLocales(import.meta.glob('./locales/en/*.json', { eager: true }));
