import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from './client';
import type { FieldIssue } from './types';
import { pick } from '../format/time';
import { errorText } from './error-text';

/**
 * Sends one validate → preview → commit call and keeps the answer's field issues, so a form can
 * show each message beside its input; a commit refreshes every query.
 */
export function useMutationCall() {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body: unknown): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      const res = await api<T>(url, { method, body });
      setIssues([]);
      if ((res as { status?: string }).status === 'committed') await qc.invalidateQueries();
      return res;
    } catch (e) {
      setIssues(e instanceof ApiRequestError ? e.issues : []);
      setError(errorText(e, i18n));
      return null;
    } finally {
      setBusy(false);
    }
  }
  /** The message for a field, matched by its whole path, its last part, or a path inside it. */
  const issueFor = (...fields: string[]) => {
    const i = issues.find((x) => fields.some((f) => x.field === f || x.field.endsWith(`.${f}`) || x.field.startsWith(`${f}.`)));
    return i ? pick(i.message, i18n.language) : undefined;
  };
  return { send, issues, error, busy, issueFor, clear: () => (setIssues([]), setError(null)) };
}
