import { createHash } from 'node:crypto';
import type { DatasetItem } from './dataset.ts';
import { renderTemplate, targetText } from './prompt.ts';
import type { SuiteTask } from './suite.ts';

/** What to send for one item: which endpoint path and the JSON body. */
export interface ItemRequest {
  path: '/v1/chat/completions' | '/v1/completions';
  body: Record<string, unknown>;
}

export function buildRequest(task: SuiteTask, item: DatasetItem, model: string): ItemRequest {
  const prompt = renderTemplate(task.template, item);
  if (task.kind === 'generate') {
    const messages = [...(task.system ? [{ role: 'system', content: task.system }] : []), { role: 'user', content: prompt }];
    return { path: '/v1/chat/completions', body: { model, messages, temperature: 0, max_tokens: task.maxTokens ?? 256 } };
  }
  if (!item.choices) throw new Error(`${task.name}: item ${item.docId} has no choices; log-likelihood tasks need them`);
  // One request scores every choice: the prompt list is context + each continuation, echoed back
  // with per-token log-probabilities. max_tokens 1 because some servers refuse 0 with echo.
  const prompts = item.choices.map((_, i) => prompt + renderTemplate(task.choiceTemplate, item, i));
  return { path: '/v1/completions', body: { model, prompt: prompts, max_tokens: 1, temperature: 0, echo: true, logprobs: 1 } };
}

/**
 * Scores the answer into a harness-style sample row (doc_id, doc, target, arguments, resps,
 * filtered_resps, filter, metrics, hashes and the per-item metric values). Throws on an answer
 * that does not have the expected shape.
 */
export function scoreResponse(task: SuiteTask, item: DatasetItem, request: ItemRequest, response: unknown): Record<string, unknown> {
  const prompt = renderTemplate(task.template, item);
  const target = targetText(item);
  const base = {
    doc_id: item.docId,
    doc: item.doc,
    target,
    doc_hash: sha256(JSON.stringify(item.doc)),
    prompt_hash: sha256(prompt),
    target_hash: sha256(target),
  };
  if (task.kind === 'generate') {
    const content = (response as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('the chat completion has no choices[0].message.content');
    const m = new RegExp(task.pattern, task.ignoreCase ? 'i' : '').exec(content);
    const extracted = m ? (m[1] ?? m[0]).trim() : '[invalid]';
    const same = task.ignoreCase ? extracted.toLowerCase() === target.trim().toLowerCase() : extracted === target.trim();
    return {
      ...base,
      arguments: { gen_args_0: { arg_0: prompt, arg_1: { max_tokens: request.body.max_tokens, temperature: 0 } } },
      resps: [[content]],
      filtered_resps: [extracted],
      filter: task.filter,
      metrics: ['exact_match'],
      exact_match: same ? 1 : 0,
    };
  }
  const choices = item.choices!;
  const prompts = request.body.prompt as string[];
  const logLikelihoods = choices.map((_, i) => continuationLogprob(response, i, prompt.length, prompts[i]!.length));
  const lengths = prompts.map((p) => p.length - prompt.length);
  const best = argmax(logLikelihoods);
  const bestNorm = argmax(logLikelihoods.map((ll, i) => ll / Math.max(1, lengths[i]!)));
  const answer = item.answer as number;
  return {
    ...base,
    target: answer,
    arguments: Object.fromEntries(prompts.map((p, i) => [`gen_args_${i}`, { arg_0: prompt, arg_1: p.slice(prompt.length) }])),
    resps: logLikelihoods.map((ll) => [[ll, false]]),
    filtered_resps: logLikelihoods.map((ll) => [ll, false]),
    filter: 'none',
    metrics: ['acc', 'acc_norm'],
    acc: best === answer ? 1 : 0,
    acc_norm: bestNorm === answer ? 1 : 0,
  };
}

/** Sum of the log-probabilities of the tokens that start inside the continuation. */
function continuationLogprob(response: unknown, index: number, contextChars: number, totalChars: number): number {
  const choices = (response as { choices?: unknown[] })?.choices;
  if (!Array.isArray(choices)) throw new Error('the completion has no choices');
  const choice = (choices.find((c) => (c as { index?: number })?.index === index) ?? choices[index]) as
    { logprobs?: { token_logprobs?: (number | null)[]; text_offset?: number[] } } | undefined;
  const lp = choice?.logprobs;
  if (!lp || !Array.isArray(lp.token_logprobs) || !Array.isArray(lp.text_offset)) {
    throw new Error(`choice ${index} has no logprobs.token_logprobs/text_offset; does the server support echo with logprobs?`);
  }
  let sum = 0,
    tokens = 0;
  for (let t = 0; t < lp.token_logprobs.length; t++) {
    const offset = lp.text_offset[t]!;
    if (offset < contextChars || offset >= totalChars) continue;
    const v = lp.token_logprobs[t];
    if (typeof v !== 'number') throw new Error(`choice ${index}: token ${t} of the continuation has no log-probability`);
    sum += v;
    tokens++;
  }
  if (tokens === 0) throw new Error(`choice ${index}: no token of the continuation was echoed back`);
  return sum;
}

function argmax(xs: number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
