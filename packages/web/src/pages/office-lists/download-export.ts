import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';
import { ApiRequestError } from '../../api/client';
import { errorIssues } from '../../api/error-text';

/**
 * Fetches a file the API makes (an .xlsx export) and hands it to the browser as a download. Answers
 * the API's message when it refuses (too many rows: narrow the filters), in the page's language.
 */
export async function downloadExport(url: string, filename: string, lang: string): Promise<string | null> {
  const res = await fetch(url, { credentials: 'include' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; issues?: FieldIssue[] } } | null;
    const issue = body?.error?.issues?.[0];
    if (issue) return pick(issue.message, lang);
    const [refusal] = errorIssues(new ApiRequestError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? res.statusText));
    return pick(refusal!.message, lang);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return null;
}
