import Fastify from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSerializer } from '../../src/http/response-serializer.ts';
import { contractAreas } from '@stagegate/core/contract/index';
import { createTestServer } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
beforeAll(async () => {
  t = await createTestServer({ demo: false });
});
afterAll(() => t.dispose());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('issue 14 item 1: one API contract', () => {
  it('every route declares its response schema', () => {
    const without = t.routes
      .filter((r) => !r.responseSchema)
      .map(key)
      .sort();
    const withSchema = t.routes.filter((r) => r.responseSchema).length;
    console.info(`routes: ${t.routes.length}; with a response schema: ${withSchema}; without: ${without.length}`);
    // a new route without a response schema fails here: its answer would be unchecked and untyped in the web
    expect(without).toEqual([]);
  });

  it('serves every contract entry at its method and path, with the contract as its response schema', () => {
    const served = new Map(t.routes.map((r) => [key(r), r]));
    const entries = Object.entries(contractAreas).flatMap(([area, routes]) =>
      Object.entries(routes).map(([name, c]) => ({ name: `${area}.${name}`, key: `${c.method} ${c.path}` })),
    );
    expect(entries.length).toBeGreaterThan(0);
    const missing = entries.filter((e) => !served.get(e.key)?.responseSchema).map((e) => `${e.name}: ${e.key}`);
    expect(missing).toEqual([]);
  });

  it('OpenAPI shows the answers of the converted routes, field by field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> }>
      >;
    };
    const inbox = doc.paths['/api/v1/me/notifications']?.get?.responses?.['200']?.content?.['application/json']?.schema;
    expect(Object.keys(inbox?.properties ?? {}).sort()).toEqual(['notifications', 'unread']);
  });
});

describe('a response against its contract', () => {
  async function serve(strict: boolean, answer: unknown) {
    const app = Fastify({ logger: false });
    app.setSerializerCompiler(responseSerializer({ strict }));
    app.get('/x', { schema: { response: { 200: z.object({ name: z.string(), at: z.date() }) } } }, async () => answer);
    const res = await app.inject({ method: 'GET', url: '/x' });
    await app.close();
    return res;
  }
  const at = new Date('2026-12-06T12:00:00Z');

  it('is written as its contract says, dates as ISO instants', async () => {
    const res = await serve(true, { name: 'a', at });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'a', at: '2026-12-06T12:00:00.000Z' });
  });

  it('is refused (500) when it breaks its contract, never sent half-right', async () => {
    expect((await serve(false, { name: 1, at })).statusCode).toBe(500);
  });

  it('in the tests, fails when it carries a field its contract does not name; in service the field is left out', async () => {
    expect((await serve(true, { name: 'a', at, secret: 's' })).statusCode).toBe(500);
    const res = await serve(false, { name: 'a', at, secret: 's' });
    expect(res.json()).toEqual({ name: 'a', at: '2026-12-06T12:00:00.000Z' });
  });
});
