import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, tasks } from '../../src/db/schema/index.ts';
import { isInternalAddress, postPinned, resolveOutbound } from '../../src/adapters/openai-endpoint/outbound.ts';
import { postJsonWithRetry } from '../../src/adapters/openai-endpoint/http-retry.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let internal: Server;
let internalUrl: string;
let hits = 0;
const SECRET = 'INTERNAL-ONLY-SECRET-9f3a';

beforeAll(async () => {
  // an "internal service" on loopback that answers with something no caller may see
  internal = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(req.url?.includes('fail') ? 500 : 200, { 'content-type': 'text/plain' }).end(SECRET);
  });
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
  internalUrl = `http://127.0.0.1:${(internal.address() as { port: number }).port}`;
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 120_000);
afterAll(async () => {
  internal.close();
  await t.dispose();
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, cookie = operator) =>
  t.app.inject({ method, url, payload, headers: { cookie } });

describe('issue 12 item 6: outbound requests', () => {
  it('a suite run to an unregistered URL (cloud metadata, loopback) is refused naming the endpoint, and nothing is called', async () => {
    const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).limit(1);
    for (const endpoint of ['http://169.254.169.254/latest/meta-data', internalUrl]) {
      const res = await call('POST', `/api/v1/evaluation/tasks/${task!.id}/suite-runs`, {
        suite: 'stage-1',
        endpoint,
        model: 'm',
        suiteFile: 'x.json',
        mode: 'commit',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.issues.find((i: { field: string }) => i.field === 'endpoint').message.en).toMatch(
        /not a model endpoint the program office registered/,
      );
    }
    expect(hits).toBe(0);
  });

  it('the office registers endpoints (preview, commit, audited); evaluators cannot', async () => {
    const preview = await call('POST', '/api/v1/programs/k-ai/model-endpoints', { url: 'https://models.team.example/v1/', label: '팀 A', mode: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().endpoint).toMatchObject({ url: 'https://models.team.example', allowPrivate: false });
    const committed = await call('POST', '/api/v1/programs/k-ai/model-endpoints', { url: 'https://models.team.example/v1/', label: '팀 A', mode: 'commit' });
    expect(committed.statusCode).toBe(201);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, committed.json().endpoint.id));
    expect(audit.map((a) => a.action)).toEqual(['evaluation.endpoint.register']);
    const evaluator = await signIn(t.app, 'evaluator@demo.stagegate.kr');
    expect((await call('POST', '/api/v1/programs/k-ai/model-endpoints', { url: 'https://x.example', label: 'x', mode: 'commit' }, evaluator)).statusCode).toBe(
      403,
    );
    const removed = await call('DELETE', `/api/v1/model-endpoints/${committed.json().endpoint.id}`, { mode: 'commit' });
    expect(removed.statusCode).toBe(200);
    expect((await call('GET', '/api/v1/programs/k-ai/model-endpoints')).json().endpoints).toEqual([]);
  });

  it('a registered endpoint on a loopback address is still refused unless the office allowed it', async () => {
    const reg = await call('POST', '/api/v1/programs/k-ai/model-endpoints', { url: internalUrl, label: 'internal', mode: 'commit' });
    expect(reg.statusCode).toBe(201);
    const created = await call('POST', '/api/v1/arenas', { program: 'k-ai', stage: 'stage-2', kind: 'pairwise', capPerEvaluator: 3, seed: 1 });
    const arenaId = created.json().arena.id;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/arenas/${arenaId}/prompts`,
      payload: { jsonl: '{"id":"q1","prompt":"x"}' },
      headers: { cookie: operator },
    });
    expect(put.statusCode).toBe(200);
    const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).limit(1);
    const res = await call('POST', `/api/v1/arenas/${arenaId}/answers/fetch`, { taskId: task!.id, baseUrl: internalUrl, model: 'm' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/internal address/);
    // the office's page reads the reason in Korean, not the English one after a Korean lead
    const ko = res.json().error.issues[0].message.ko;
    expect(ko).toContain('내부망 주소입니다');
    expect(ko).not.toMatch(/internal|address/);
    expect(hits).toBe(0);
  });

  it("never echoes an endpoint's answer body to the caller", async () => {
    const target = await resolveOutbound(internalUrl, { allowPrivate: true });
    const failed = await postJsonWithRetry(target, `${internalUrl}/fail`, {}, {}, { retries: 0, timeoutMs: 5000, baseDelayMs: 1, maxDelayMs: 1 }).catch(
      (e: Error) => e.message,
    );
    expect(failed).toMatch(/HTTP 500/);
    expect(failed).not.toContain(SECRET);
    const notJson = await postJsonWithRetry(target, `${internalUrl}/ok`, {}, {}, { retries: 0, timeoutMs: 5000, baseDelayMs: 1, maxDelayMs: 1 }).catch(
      (e: Error) => e.message,
    );
    expect(notJson).toMatch(/not JSON/);
    expect(notJson).not.toContain(SECRET);
  });

  it('refuses loopback, private, link-local and mapped addresses, by name or by number', async () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ])
      expect(isInternalAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888']) expect(isInternalAddress(a), a).toBe(false);
    await expect(resolveOutbound('http://localhost:9/', { allowPrivate: false })).rejects.toThrow(/internal address/);
    await expect(resolveOutbound('http://[::ffff:7f00:1]:9/', { allowPrivate: false })).rejects.toThrow(/internal address/);
    await expect(resolveOutbound('http://user:pw@models.example/', { allowPrivate: true })).rejects.toThrow(/credentials/);
    await expect(resolveOutbound('file:///etc/passwd', { allowPrivate: true })).rejects.toThrow(/http/);
  });

  it('resolves once and pins the address: the request goes to the pinned address whatever the name resolves to now', async () => {
    const before = hits;
    const port = (internal.address() as { port: number }).port;
    // a name that does not resolve at all: only the pinned address can carry the request
    const pinned = { origin: `http://model.invalid:${port}`, hostname: 'model.invalid', address: '127.0.0.1', family: 4 as const };
    const res = await postPinned(pinned, `http://model.invalid:${port}/v1/x`, {}, {}, 5000);
    expect(res.status).toBe(200);
    expect(hits).toBe(before + 1);
    await expect(postPinned(pinned, 'http://elsewhere.example/v1/x', {}, {}, 5000)).rejects.toThrow(/leaves the registered endpoint/);
  });
});
