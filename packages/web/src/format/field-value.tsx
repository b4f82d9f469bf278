import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/types';
import { formatDate, formatInstant, pick } from './time';

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && typeof (v as LocalizedText).ko === 'string' && typeof (v as LocalizedText).en === 'string';

/**
 * A value of an edited or audited record as its reader expects it: dates and instants in Korea's
 * calendar, yes/no, a bilingual text in the page's language. Anything structured stays as data,
 * marked so a translator (or the Korean page check) leaves it alone.
 */
export function FieldValue({ value }: { value: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (value === null || value === undefined || value === '') return <>{t('common.empty')}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{value.toLocaleString(lang === 'en' ? 'en-GB' : 'ko-KR')}</>;
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{formatDate(value, lang)}</>;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return <>{formatInstant(value, lang)}</>;
    // a code the record stores (`passed`, `likert`): data, not a sentence to translate
    if (/^[a-z][a-z0-9_-]*$/.test(value)) return <code translate="no">{value}</code>;
    return <>{value}</>;
  }
  if (isLocalized(value)) return <>{pick(value, lang)}</>;
  if (Array.isArray(value) && value.every((x) => typeof x === 'string' || typeof x === 'number')) return <span translate="no">{value.join(', ')}</span>;
  if (Array.isArray(value)) return <>{t('common.items', { n: value.length })}</>;
  return (
    <code translate="no" style={{ fontSize: '0.8em', wordBreak: 'break-all' }}>
      {JSON.stringify(value)}
    </code>
  );
}
