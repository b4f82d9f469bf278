import { mergeLocales } from './merge-locales';

/** Every English message, a chunk of its own: fetched when English is chosen or text kept in both languages is made. */
export const english = mergeLocales(import.meta.glob('./locales/en/*.json', { eager: true }));
