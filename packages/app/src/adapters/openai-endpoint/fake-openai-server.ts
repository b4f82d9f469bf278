import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { choiceLetter, type DatasetItem } from './dataset.ts';

// A small OpenAI-compatible server for tests and benchmarks. It answers from the dataset it is
// given: it finds the item whose question appears in the prompt and answers correctly for a
// deterministic share of items (by a hash of the question), so two runs give the same results.
// Knobs: fixed latency, and a per-request plan that can answer 429 (with Retry-After), 5xx, or hang.

export type Mishap = { status: 429; retryAfter?: string } | { status: 500 | 502 | 503 } | 'hang';

export interface FakeServerOptions {
  items: Pick<DatasetItem, 'question' | 'choices' | 'answer'>[];
  /** share of items answered correctly, decided per item by a hash of its question */
  accuracy?: number;
  latencyMs?: number;
  /** called per request with the 1-based attempt count for that question; return a mishap to misbehave */
  plan?: (info: { question: string; attempt: number; requestNumber: number }) => Mishap | undefined;
}

export interface FakeServer {
  url: string;
  /** requests received per question (all attempts) */
  requestsFor(question: string): number;
  /** every request in arrival order: question and what the server did */
  log: { question: string; outcome: 'ok' | '429' | '5xx' | 'hang'; at: number }[];
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(options: FakeServerOptions): Promise<FakeServer> {
  const accuracy = options.accuracy ?? 0.7;
  const questions = options.items.map((i) => i.question).sort((a, b) => b.length - a.length);
  const byQuestion = new Map(options.items.map((i) => [i.question, i]));
  const counts = new Map<string, number>();
  const log: FakeServer['log'] = [];
  const hanging = new Set<ServerResponse>();
  let requestNumber = 0;

  const find = (prompt: string) => {
    for (const line of prompt.split('\n')) {
      const direct = byQuestion.get(line) ?? byQuestion.get(line.replace(/^[^:]*:\s*/, ''));
      if (direct) return direct;
    }
    const q = questions.find((x) => prompt.includes(x));
    return q === undefined ? undefined : byQuestion.get(q);
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body);
    } catch {
      return send(res, 400, { error: { message: 'invalid JSON' } });
    }
    const isChat = req.url === '/v1/chat/completions';
    const prompt = isChat
      ? String((payload.messages as { content: string }[] | undefined)?.at(-1)?.content ?? '')
      : String(Array.isArray(payload.prompt) ? payload.prompt[0] : (payload.prompt ?? ''));
    const item = find(prompt);
    if (!item || (req.url !== '/v1/chat/completions' && req.url !== '/v1/completions')) {
      return send(res, 404, { error: { message: item ? `unknown path ${req.url}` : 'no dataset item matches the prompt' } });
    }
    const attempt = (counts.get(item.question) ?? 0) + 1;
    counts.set(item.question, attempt);
    const mishap = options.plan?.({ question: item.question, attempt, requestNumber: ++requestNumber });
    if (mishap === 'hang') {
      log.push({ question: item.question, outcome: 'hang', at: Date.now() });
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (options.latencyMs) await delay(options.latencyMs);
    if (mishap) {
      log.push({ question: item.question, outcome: mishap.status === 429 ? '429' : '5xx', at: Date.now() });
      const headers: Record<string, string> = mishap.status === 429 && mishap.retryAfter !== undefined ? { 'retry-after': mishap.retryAfter } : {};
      return send(res, mishap.status, { error: { message: 'try again' } }, headers);
    }
    log.push({ question: item.question, outcome: 'ok', at: Date.now() });
    const correct = hash(item.question) % 1000 < accuracy * 1000;
    if (isChat) {
      const choices = item.choices;
      const right = typeof item.answer === 'number' ? choiceLetter(item.answer) : item.answer;
      const wrong = choices && typeof item.answer === 'number' ? choiceLetter((item.answer + 1) % choices.length) : 'unknown';
      const content = `Let me think. The answer is ${correct ? right : wrong}.`;
      return send(res, 200, {
        id: `chatcmpl-${requestNumber}`,
        object: 'chat.completion',
        model: payload.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: prompt.length, completion_tokens: content.length, total_tokens: prompt.length + content.length },
      });
    }
    const prompts = (Array.isArray(payload.prompt) ? payload.prompt : [payload.prompt]) as string[];
    const answer = typeof item.answer === 'number' ? item.answer : 0;
    const favoured = correct ? answer : (answer + 1) % prompts.length;
    const context = commonPrefix(prompts);
    return send(res, 200, {
      id: `cmpl-${requestNumber}`,
      object: 'text_completion',
      model: payload.model,
      choices: prompts.map((p, index) => ({ index, text: p, finish_reason: 'length', logprobs: echoLogprobs(p, context.length, index === favoured) })),
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestsFor: (q) => counts.get(q) ?? 0,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whitespace-led tokens with offsets; the continuation's tokens are likely for the favoured choice. */
function echoLogprobs(text: string, contextChars: number, favoured: boolean) {
  const tokens: string[] = [],
    offsets: number[] = [],
    logprobs: (number | null)[] = [];
  for (const m of text.matchAll(/\s*\S+|\s+$/g)) {
    tokens.push(m[0]);
    offsets.push(m.index!);
    logprobs.push(tokens.length === 1 ? null : m.index! < contextChars ? -1.5 : favoured ? -0.2 : -2.5);
  }
  return { tokens, token_logprobs: logprobs, text_offset: offsets, top_logprobs: null };
}

function commonPrefix(xs: string[]): string {
  let p = xs[0] ?? '';
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function delay(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
