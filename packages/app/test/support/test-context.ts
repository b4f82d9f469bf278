import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { buildServer } from '../../src/http/server.ts';
import type { RouteInfo } from '../../src/http/authorize.ts';
import { seed } from '../../src/seed/seed.ts';
import { DEMO_SLURM_CLUSTER } from '../../src/seed/demo-resources.ts';

/** A new, empty database on the PostgreSQL server of `npm run test:pg`, and how to drop it. */
export async function freshTestDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * One database per test file: PGlite in memory by default, or a fresh database on the PostgreSQL
 * server named by STAGEGATE_TEST_DATABASE_URL (`npm run test:pg`), dropped afterwards.
 */
export async function createTestContext(opts: { demo?: boolean } = {}): Promise<{ ctx: AppContext; dispose(): Promise<void> }> {
  const serverUrl = process.env.STAGEGATE_TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (serverUrl) ({ url: databaseUrl, drop: dropDatabase } = await freshTestDatabase(serverUrl, 'sg_test'));
  // never a real Slurm from a test: an emulated cluster in a file of its own (slurm-sync/scheduler.ts)
  // serving the demo cluster its pools are placed on
  const slurm = { emulator: join(tmpdir(), `sg-test-slurm-${randomBytes(6).toString('hex')}.json`), prefix: [], cluster: DEMO_SLURM_CLUSTER };
  const config = { ...loadConfig({}), dataDir: 'memory://', databaseUrl, secret: 'test-secret-test-secret-test-secret-0123', logLevel: 'silent', slurm };
  const ctx = await createContext(config);
  await seed(ctx, { demo: opts.demo ?? true });
  return {
    ctx,
    async dispose() {
      await ctx.close();
      await dropDatabase?.();
      await rm(slurm.emulator, { force: true });
    },
  };
}

export async function createTestServer(
  opts: { demo?: boolean } = {},
): Promise<{ ctx: AppContext; app: FastifyInstance; routes: RouteInfo[]; dispose(): Promise<void> }> {
  const t = await createTestContext(opts);
  const { app, routes } = await buildServer(t.ctx, { logger: false, strictResponses: true });
  sendOriginByDefault(app);
  return { ...t, app, routes, dispose: async () => (await app.close(), await t.dispose()) };
}

/** Signs in through better-auth's real endpoint and returns the session cookie header. */
export async function signIn(app: FastifyInstance, email: string, password = 'stagegate-demo'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, headers: { origin: 'http://localhost:3000' } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

/** The origin a browser on the default public URL sends; state-changing /api/v1 requests need it. */
export const TEST_ORIGIN = 'http://localhost:3000';

/** Tests speak for the web app, so their requests carry its Origin unless a test sets its own. */
function sendOriginByDefault(app: FastifyInstance): void {
  const inject = app.inject.bind(app) as (o: unknown) => unknown;
  (app as { inject: unknown }).inject = (opts: unknown) => {
    if (!opts || typeof opts !== 'object') return inject(opts);
    const o = opts as { headers?: Record<string, unknown> };
    return inject({ ...o, headers: { origin: TEST_ORIGIN, ...o.headers } });
  };
}
