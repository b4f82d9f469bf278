import i18next, { type i18n as I18n } from 'i18next';
import { ApiRequestError } from './client';
import type { FieldIssue } from './types';
import { issuesText } from './issue-text';
import { bothLanguages } from '../i18n/both-languages';

/**
 * What a failed call says to its reader. The server's field issues carry both languages and are
 * shown as they are. Where it answered only with an English sentence (a 409, a 404, a refused
 * upload), an English page shows that sentence and a Korean page the Korean for its code, or for
 * its status when the code has none: never the English internals.
 */
export function errorIssues(e: unknown, i18n: I18n = i18next): FieldIssue[] {
  if (e instanceof ApiRequestError) {
    if (e.issues.length) return e.issues;
    return [{ field: e.field ?? '', message: { ko: koreanFor(e, i18n), en: e.message } }];
  }
  // fetch fails with a TypeError when the server cannot be reached; anything else is the page's own fault
  if (e instanceof TypeError) return [{ field: '', message: bothLanguages(i18n, 'apiErrors.network') }];
  return [{ field: '', message: { ko: i18n.t('apiErrors.unexpected', { lng: 'ko' }), en: String((e as Error)?.message ?? e) } }];
}

/** The same, as one line (a form's error, an alert). */
export function errorText(e: unknown, i18n: I18n): string {
  return issuesText(errorIssues(e, i18n), i18n);
}

function koreanFor(e: ApiRequestError, i18n: I18n): string {
  const byCode = `apiErrors.codes.${e.code}`;
  if (i18n.exists(byCode, { lng: 'ko' })) return i18n.t(byCode, { lng: 'ko' });
  const byStatus = `apiErrors.status.${e.status}`;
  if (i18n.exists(byStatus, { lng: 'ko' })) return i18n.t(byStatus, { lng: 'ko' });
  return i18n.t('apiErrors.server', { lng: 'ko' });
}
