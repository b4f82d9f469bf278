import type { i18n as I18n } from 'i18next';
import type { FieldIssue } from './types';
import { pick } from '../format/time';

/** The last named part of a field path: `decisions.0.outcome` → `outcome`, `call` → `call`. */
export const fieldName = (field: string) =>
  field
    .split('.')
    .filter((p) => p && !/^\d+$/.test(p))
    .at(-1) ?? '';

/**
 * One issue as a reader sees it. Korean pages never show a field path or id. A domain message
 * names its subject in words and shows alone; the request schema's generic refusal ("잘못된 값: …")
 * does not, so it is prefixed with the field's Korean label when we have one. English pages keep
 * the path, as the API's English readers see it.
 */
export function issueText(issue: FieldIssue, i18n: I18n): string {
  const lang = i18n.language;
  const message = pick(issue.message, lang);
  if (!issue.field) return message;
  const key = `fieldLabels.${fieldName(issue.field)}`;
  const label = i18n.exists(key) ? i18n.t(key) : null;
  if (lang === 'en') return `${label ?? issue.field}: ${message}`;
  return label && GENERIC_KO.test(issue.message.ko) ? `${label}: ${message}` : message;
}

/** How the server's schema validation words a refusal in Korean (packages/app/src/http/errors.ts). */
const GENERIC_KO = /^잘못된 값/;

export const issuesText = (issues: FieldIssue[], i18n: I18n) => issues.map((i) => issueText(i, i18n)).join(' · ');
