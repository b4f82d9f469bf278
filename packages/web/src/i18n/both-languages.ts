import type { i18n as I18n } from 'i18next';
import type { LocalizedText } from '@stagegate/core/shared/localized';

/**
 * A message in both languages from the locales, for text kept or sent with both (a new round's name,
 * a form's issue). English is fetched only when needed: before making text that is kept, await
 * `englishReady()`; until then the English side reads the Korean message.
 */
export const bothLanguages = (i18n: I18n, key: string): LocalizedText => ({ ko: i18n.t(key, { lng: 'ko' }), en: i18n.t(key, { lng: 'en' }) });
