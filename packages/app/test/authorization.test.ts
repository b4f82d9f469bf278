import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from './support/test-context.ts';
import { authorizationMatrix, everyone, type Who } from './authorization-matrix.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookies: Partial<Record<Who, string>> = {};
beforeAll(async () => {
  t = await createTestServer();
  for (const who of everyone) if (who !== 'anonymous') cookies[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
});
afterAll(() => t.dispose());

describe('authorisation matrix', () => {
  it('covers every API route, and nothing that is not a route', () => {
    const routes = t.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(Object.keys(authorizationMatrix).sort()).toEqual(routes);
  });

  const cases = Object.entries(authorizationMatrix).flatMap(([route, entry]) => everyone.map((who) => [route, who, entry] as const));
  it.each(cases)('%s as %s', async (route, who, entry) => {
    const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
    const res = await t.app.inject({ method, url: entry.path, payload: entry.payload as object | undefined, headers: cookies[who] ? { cookie: cookies[who]! } : {} });
    if (entry.allow.includes(who)) {
      expect([401, 403], `${route} should be open to ${who}`).not.toContain(res.statusCode);
    } else {
      expect(res.statusCode, `${route} should be closed to ${who}`).toBe(who === 'anonymous' ? 401 : 403);
      expect(res.json().error.code).toBe(who === 'anonymous' ? 'unauthenticated' : 'forbidden');
    }
  });
});
