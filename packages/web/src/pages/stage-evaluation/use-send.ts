import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError } from '../../api/client';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';

/** Sends a validate → preview → commit mutation and keeps its field issues for display beside the inputs. */
export function useSend() {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send<T>(method: 'POST' | 'PUT', url: string, body: unknown): Promise<T | null> {
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
        setError(e.issues.length ? e.issues.map((i) => `${i.field}: ${pick(i.message, i18n.language)}`).join(' · ') : e.message);
      } else setError((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  }
  const issueFor = (field: string) => {
    const i = issues.find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return i ? pick(i.message, i18n.language) : undefined;
  };
  return { send, issues, error, busy, issueFor, clear: () => (setIssues([]), setError(null)) };
}
