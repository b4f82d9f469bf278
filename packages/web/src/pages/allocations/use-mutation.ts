import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from '../../api/client';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';

/** Sends a validate → preview → commit call; keeps the field issues to show beside the inputs. */
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
      if (e instanceof ApiRequestError) {
        setIssues(e.issues);
        setError(e.issues.length ? e.issues.map((i) => pick(i.message, i18n.language)).join(' · ') : e.message);
      } else setError((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  }
  const issueFor = (...fields: string[]) => {
    const i = issues.find((x) => fields.some((f) => x.field === f || x.field.endsWith(`.${f}`)));
    return i ? pick(i.message, i18n.language) : undefined;
  };
  return { send, issues, error, busy, issueFor, clear: () => (setIssues([]), setError(null)) };
}
