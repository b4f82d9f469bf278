import { OutboundRefused, postPinned, type OutboundTarget } from './outbound.ts';

/** How hard to try one request. */
export interface RetryPolicy {
  /** retries after the first attempt */
  retries: number;
  /** per-attempt timeout */
  timeoutMs: number;
  /** first back-off; doubles each retry (full jitter), capped at maxDelayMs */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 6, timeoutMs: 120_000, baseDelayMs: 500, maxDelayMs: 30_000 };

export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface PostResult {
  body: unknown;
  attempts: number;
}

/**
 * POSTs JSON to the pinned endpoint and retries what is worth retrying: 429 and 5xx (waiting at
 * least Retry-After when the server sends it), timeouts and network errors; other statuses fail at
 * once. `stop` interrupts a back-off wait, never a request already sent (its answer is still worth
 * keeping). Error messages carry the status, never the endpoint's answer, which goes back to
 * whoever started the run.
 */
export async function postJsonWithRetry(
  target: OutboundTarget,
  url: string,
  body: unknown,
  headers: Record<string, string>,
  policy: RetryPolicy,
  stop?: AbortSignal,
): Promise<PostResult> {
  let lastError = '';
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= policy.retries + 1; attempt++) {
    let waitMs: number | undefined;
    try {
      const res = await postPinned(target, url, body, headers, policy.timeoutMs);
      if (res.status >= 200 && res.status < 300) {
        try {
          return { body: JSON.parse(res.text), attempts: attempt };
        } catch {
          throw new RequestFailed(`${url}: the answer is not JSON (${res.text.length} characters)`, attempt, res.status);
        }
      }
      lastStatus = res.status;
      lastError = `${url}: HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) throw new RequestFailed(lastError, attempt, res.status);
      waitMs = retryAfterMs(res.retryAfter);
    } catch (e) {
      if (e instanceof RequestFailed) throw e;
      if (e instanceof OutboundRefused) throw new RequestFailed(`${url}: ${e.message}`, attempt);
      const name = (e as Error).name;
      lastStatus = undefined;
      lastError =
        name === 'TimeoutError' ? `${url}: no answer within ${policy.timeoutMs} ms` : `${url}: ${(e as { code?: string }).code ?? 'connection failed'}`;
    }
    if (attempt > policy.retries) break;
    const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    await sleep(Math.max(backoff, waitMs ?? 0), stop);
    if (stop?.aborted) throw new RequestFailed(`stopped while waiting to retry: ${lastError}`, attempt, lastStatus);
  }
  throw new RequestFailed(`gave up after ${policy.retries + 1} attempts: ${lastError}`, policy.retries + 1, lastStatus);
}

/** Retry-After as seconds or an HTTP date; capped at 10 minutes so a bad header cannot stall a run. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const cap = 600_000;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.min(cap, Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.min(cap, Math.max(0, at - now));
}

function sleep(ms: number, stop?: AbortSignal): Promise<void> {
  if (ms <= 0 || stop?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      stop?.removeEventListener('abort', done);
      resolve();
    }
    stop?.addEventListener('abort', done, { once: true });
  });
}
