import type { z } from 'zod';
import { endpointFetchInput } from '@stagegate/core/contract/arena';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { postJsonWithRetry, type RetryPolicy } from '../adapters/openai-endpoint/http-retry.ts';
import { OutboundRefused, resolveOutbound, type OutboundTarget } from '../adapters/openai-endpoint/outbound.ts';
import { notRegistered, outboundPolicyFor } from '../evaluation/model-endpoints.ts';
import { promptsOf, storeAnswers, type ArenaResult, type ArenaRow } from './arena-store.ts';

export type EndpointFetchInput = z.input<typeof endpointFetchInput>;

const ARENA_RETRY: RetryPolicy = { retries: 3, timeoutMs: 120_000, baseDelayMs: 500, maxDelayMs: 10_000 };

export interface FetchFailure {
  promptId: string;
  error: string;
}

/**
 * Asks the team's endpoint (`/v1/chat/completions`) for an answer to every prompt, a few at a time,
 * retrying 429/5xx/time-outs, and stores the answers it got. Prompts that failed are listed; asking
 * again fetches all prompts anew (an endpoint is expected to answer deterministically at temperature 0).
 */
export async function fetchAnswersFromEndpoint(
  db: Db,
  actor: Actor,
  arena: ArenaRow,
  raw: EndpointFetchInput,
  retry: RetryPolicy = ARENA_RETRY,
): Promise<ArenaResult<{ answers: number; failures: FetchFailure[] }>> {
  const input = endpointFetchInput.parse(raw);
  const prompts = await promptsOf(db, arena.id);
  if (prompts.length === 0)
    return {
      status: 'invalid',
      issues: [{ field: 'prompts', message: { ko: '프롬프트를 먼저 올리세요', en: 'upload the prompts first' } }] satisfies FieldIssue[],
    };
  const outbound = await outboundPolicyFor(db, arena.programSlug, input.baseUrl);
  if (!outbound) return { status: 'invalid', issues: [notRegistered('baseUrl')] };
  const base = input.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  let target: OutboundTarget;
  try {
    target = await resolveOutbound(base, outbound);
  } catch (e) {
    if (!(e instanceof OutboundRefused)) throw e;
    return {
      status: 'invalid',
      issues: [
        { field: 'baseUrl', message: { ko: `이 엔드포인트로는 요청을 보낼 수 없습니다. ${e.ko}.`, en: `no request may go to this endpoint: ${e.message}` } },
      ],
    };
  }
  const url = `${base}/v1/chat/completions`;
  const headers: Record<string, string> = input.apiKey ? { authorization: `Bearer ${input.apiKey}` } : {};
  const answers: { id: string; answer: string }[] = [];
  const failures: FetchFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < prompts.length) {
      const p = prompts[next++]!;
      try {
        const { body } = await postJsonWithRetry(
          target,
          url,
          { model: input.model, messages: [{ role: 'user', content: p.prompt }], max_tokens: input.maxTokens, temperature: input.temperature },
          headers,
          retry,
        );
        const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
        if (typeof content !== 'string' || content.trim() === '')
          failures.push({ promptId: p.promptId, error: 'the answer has no choices[0].message.content' });
        else answers.push({ id: p.promptId, answer: content });
      } catch (e) {
        failures.push({ promptId: p.promptId, error: (e as Error).message.replaceAll(input.apiKey ?? '\u0000', '***') });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, prompts.length) }, worker));
  if (answers.length === 0) {
    return {
      status: 'invalid',
      issues: [
        {
          field: 'baseUrl',
          message: {
            ko: `엔드포인트에서 답변을 받지 못했습니다: ${failures[0]?.error ?? ''}`,
            en: `the endpoint gave no answers: ${failures[0]?.error ?? ''}`,
          },
        },
      ],
    };
  }
  answers.sort((a, b) => (a.id < b.id ? -1 : 1));
  const stored = await storeAnswers(db, actor, arena, input.taskId, answers, { kind: 'endpoint', ref: `${input.model} @ ${new URL(url).host}` });
  if (stored.status !== 'committed') return stored;
  return { status: 'committed', answers: stored.answers, failures };
}
