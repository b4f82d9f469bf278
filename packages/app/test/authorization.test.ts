import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from './support/test-context.ts';
import { authorizationMatrix, everyone, type Who } from './authorization-matrix.ts';
import { ownershipMatrix, withoutOwnershipCases, type Ownership } from './ownership-matrix.ts';
import { loadOwnershipFixtures, type OwnershipFixtures } from './support/ownership-fixtures.ts';
import { prepareOwnershipObjects, type OwnershipObjects } from './support/ownership-objects.ts';
import { routeVerdict, ownershipVerdict } from './support/matrix-verdict.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let fixtures: OwnershipFixtures & OwnershipObjects;
const cookies: Partial<Record<Who, string>> = {};
beforeAll(async () => {
  t = await createTestServer();
  for (const who of everyone) if (who !== 'anonymous') cookies[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const demo = await loadOwnershipFixtures(t.ctx);
  fixtures = { ...demo, ...(await prepareOwnershipObjects(t.ctx, demo)) };
  // a server with the demo data, four sign-ins (scrypt) and the ownership objects: minutes on a loaded machine
}, 300_000);
afterAll(() => t?.dispose());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const inject = (route: string, who: Who, path: string, payload: unknown) =>
  t.app.inject({
    method: route.split(' ')[0] as Method,
    url: path,
    payload: payload as object | undefined,
    headers: cookies[who] ? { cookie: cookies[who]! } : {},
  });

/** A route reaches one object, for someone besides the office, when its path has a parameter. */
const reachesObjectForNonOffice = (route: string) => route.includes('/:') && authorizationMatrix[route]!.allow.some((w) => w !== 'operator');

describe('authorisation matrix', () => {
  it('issue 12 item 1: covers every route the server registers (listed by its onRoute hook), and nothing that is not a route', () => {
    const routes = t.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(routes.length).toBeGreaterThan(150);
    expect(Object.keys(authorizationMatrix).sort()).toEqual(routes);
  });

  it('issue 12 item 1: decides object ownership for every route that reaches one object for more than the office', () => {
    const undecided = Object.keys(authorizationMatrix).filter((r) => reachesObjectForNonOffice(r) && !ownershipMatrix[r] && !withoutOwnershipCases[r]);
    expect(undecided).toEqual([]);
    const stale = [...Object.keys(ownershipMatrix), ...Object.keys(withoutOwnershipCases)].filter((r) => !authorizationMatrix[r]);
    expect(stale).toEqual([]);
  });

  const cases = Object.entries(authorizationMatrix).flatMap(([route, entry]) => everyone.map((who) => [route, who, entry] as const));
  it.each(cases)('%s as %s', async (route, who, entry) => {
    const res = await inject(route, who, entry.path, entry.payload);
    const failure = routeVerdict({ allowed: entry.allow.includes(who), anonymous: who === 'anonymous', status: res.statusCode, body: res.body });
    expect(failure, `${route} as ${who}`).toBeNull();
  });

  it.each(Object.keys(ownershipMatrix))('%s on own, other-organisation and unassigned objects', async (route) => {
    const failures: string[] = [];
    let asked = 0;
    for (const c of ownershipMatrix[route]!(fixtures)) {
      for (const ownership of ['own', 'other', 'unassigned'] as Ownership[]) {
        const target = c[ownership];
        if (!target) continue;
        asked++;
        const res = await inject(route, c.as, target.path, target.payload);
        const failure = ownershipVerdict({ ownership, status: res.statusCode, body: res.body });
        if (failure) failures.push(`as ${c.as} on ${ownership} ${target.path}: ${failure}`);
      }
    }
    expect(asked).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

describe('matrix verdicts (issue 20 item 10)', () => {
  it('counts a 500 on an allowed route as a failure, not a pass', () => {
    expect(routeVerdict({ allowed: true, anonymous: false, status: 500, body: '{"error":{"code":"internal"}}' })).toMatch(/crashed/);
    expect(routeVerdict({ allowed: true, anonymous: false, status: 502, body: '' })).toMatch(/crashed/);
    expect(routeVerdict({ allowed: true, anonymous: false, status: 404, body: '' })).toBeNull();
    expect(routeVerdict({ allowed: true, anonymous: false, status: 403, body: '' })).toMatch(/should be open/);
    expect(routeVerdict({ allowed: false, anonymous: false, status: 500, body: '' })).toMatch(/should be closed/);
    expect(routeVerdict({ allowed: false, anonymous: true, status: 401, body: '{"error":{"code":"unauthenticated"}}' })).toBeNull();
  });

  it('counts a 500 on an owned object as a failure, and a foreign object reached as a leak', () => {
    expect(ownershipVerdict({ ownership: 'own', status: 500, body: '' })).toMatch(/crashed/);
    expect(ownershipVerdict({ ownership: 'own', status: 200, body: '' })).toBeNull();
    expect(ownershipVerdict({ ownership: 'own', status: 403, body: '' })).toMatch(/own object/);
    expect(ownershipVerdict({ ownership: 'other', status: 200, body: '' })).toMatch(/reached/);
    expect(ownershipVerdict({ ownership: 'other', status: 422, body: '' })).toMatch(/reached/);
    expect(ownershipVerdict({ ownership: 'unassigned', status: 404, body: '' })).toBeNull();
  });
});
