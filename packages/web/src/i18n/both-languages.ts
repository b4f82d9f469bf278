import type { i18n as I18n } from 'i18next';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { englishReady } from './index';

/**
 * A message in both languages from the locales, for text shown or sent with both (a form's issue).
 * English is fetched only when needed; until it is in, the English side reads the Korean message.
 */
export const bothLanguages = (i18n: I18n, key: string): LocalizedText => ({ ko: i18n.t(key, { lng: 'ko' }), en: i18n.t(key, { lng: 'en' }) });

/** The same, for text that is kept (a new round's name): the English messages are fetched first, so its English is never the Korean. */
export async function keptInBothLanguages(i18n: I18n, key: string): Promise<LocalizedText> {
  await englishReady();
  return bothLanguages(i18n, key);
}
