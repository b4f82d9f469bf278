import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomModel, derive, writeModel } from '../provenance/model-fixtures.ts';
import { samplePdf } from '../applications/support.ts';
import { freshTestDatabase } from '../support/test-context.ts';

// Needs a PostgreSQL server (npm run test:pg). README's "Scale-out" section is the recipe this runs:
// two `stagegate serve` and one `stagegate worker` on one database, behind a round-robin proxy.
const serverUrl = process.env.STAGEGATE_TEST_DATABASE_URL;
const cli = join(import.meta.dirname, '..', '..', 'bin', 'stagegate.js');
const SECRET = 'scale-out-secret-scale-out-secret-0000';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

let databaseUrl: string;
let dropDatabase: () => Promise<void>;
let proxy: http.Server;
let proxyUrl: string;
const procs: Proc[] = [];
const dirs: string[] = [];
/** which backend served each response, in order */
const servedBy: string[] = [];

function start(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { name, child, log: '' };
  child.stdout!.on('data', (d) => (p.log += d));
  child.stderr!.on('data', (d) => (p.log += d));
  procs.push(p);
  return p;
}

/** A load balancer in its simplest form: each request to the next backend in turn. */
function roundRobin(backends: { name: string; port: number }[]): http.Server {
  let next = 0;
  return http.createServer((req, res) => {
    const b = backends[next++ % backends.length]!;
    const out = http.request({ host: '127.0.0.1', port: b.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      servedBy.push(b.name);
      res.writeHead(r.statusCode ?? 502, { ...r.headers, 'x-backend': b.name });
      r.pipe(res);
    });
    out.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(out);
  });
}

/** A client of the proxy with its own cookie jar, as a browser would be. */
function client() {
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const isForm = body instanceof FormData;
    const r = await fetch(`${proxyUrl}${path}`, {
      method,
      headers: {
        origin: proxyUrl,
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const set = r.headers.getSetCookie();
    if (set.length) cookie = set.map((c) => c.split(';')[0]).join('; ');
    const bytes = Buffer.from(await r.arrayBuffer());
    const type = r.headers.get('content-type') ?? '';
    return { status: r.status, backend: r.headers.get('x-backend'), bytes, json: type.includes('json') && bytes.length ? JSON.parse(bytes.toString()) : null };
  };
  return {
    call,
    signIn: async (email: string) => {
      const r = await call('POST', '/api/auth/sign-in/email', { email, password: 'stagegate-demo' });
      expect(r.status).toBe(200);
    },
  };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${procs.map((p) => `--- ${p.name}\n${p.log.slice(-3000)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe.skipIf(!serverUrl)('issue 19 item 7: two app processes and a worker on one fresh PostgreSQL, behind a round-robin proxy', () => {
  beforeAll(async () => {
    ({ url: databaseUrl, drop: dropDatabase } = await freshTestDatabase(serverUrl!, 'sg_test_scale'));
    const shared = await mkdtemp(join(tmpdir(), 'sg-scale-checkpoints-'));
    dirs.push(shared);
    const [pa, pb, pp] = await Promise.all([freePort(), freePort(), freePort()]);
    proxyUrl = `http://127.0.0.1:${pp}`;
    const env = async (tag: string) => {
      const data = await mkdtemp(join(tmpdir(), `sg-scale-${tag}-`));
      dirs.push(data);
      // the recipe: one database, one secret, one public address, checkpoints on a shared filesystem
      return {
        DATABASE_URL: databaseUrl,
        STAGEGATE_DATA: data,
        STAGEGATE_SECRET: SECRET,
        STAGEGATE_PUBLIC_URL: proxyUrl,
        STAGEGATE_CHECKPOINTS: shared,
        LOG_LEVEL: 'warn',
      };
    };
    const [ea, eb, ew] = await Promise.all([env('a'), env('b'), env('w')]);
    // all three at the same moment: migrations and seeding must not collide
    start('a', ['serve', '--port', String(pa)], ea);
    start('b', ['serve', '--port', String(pb)], eb);
    start('worker', ['worker'], ew);
    proxy = roundRobin([
      { name: 'a', port: pa },
      { name: 'b', port: pb },
    ]);
    await new Promise<void>((r) => proxy.listen(pp, '127.0.0.1', r));
    for (const port of [pa, pb])
      await until(`process on ${port}`, async () => ((await fetch(`http://127.0.0.1:${port}/api/v1/programs`)).ok ? true : undefined), 240_000);
    await until('the worker', async () => (procs[2]!.log.includes('Stagegate worker') ? true : undefined), 120_000);
    // the checkpoints every worker must find
    const base = randomModel(7);
    await writeModel(shared, 'open-base', base);
    for (let i = 0; i < 4; i++) await writeModel(shared, `team-${i}`, derive(base, 100 + i, 0.05));
  }, 400_000);

  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)))));
    await new Promise((r) => proxy?.close(r));
    await dropDatabase?.();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }, 120_000);

  it('starts all three at once: one copy of every program and demo account, every process alive', async () => {
    expect(procs.map((p) => [p.name, p.child.exitCode])).toEqual([
      ['a', null],
      ['b', null],
      ['worker', null],
    ]);
    expect(await query('select email from "user" group by email having count(*) > 1')).toEqual([]);
    const programs = await query<{ slug: string }>('select slug from programs order by slug');
    expect(programs.map((p) => p.slug)).toEqual(['k-ai', 'specialized-fm']);
    for (const p of procs) expect(p.log).not.toMatch(/duplicate key|already exists/i);
  });

  it('keeps a session made on one process on the other', async () => {
    const office = client();
    await office.signIn('operator@demo.stagegate.kr');
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const me = await office.call('GET', '/api/v1/me');
      expect(me.status).toBe(200);
      expect(JSON.stringify(me.json)).toContain('operator@demo.stagegate.kr');
      seen.add(me.backend!);
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('serves an upload received by one process from the other, byte for byte', async () => {
    const applicant = client();
    await applicant.signIn('applicant@demo.stagegate.kr');
    const draft = (await applicant.call('GET', '/api/v1/applications')).json.applications.find((a: { status: string }) => a.status === 'draft');
    expect(draft).toBeDefined();
    const pdf = samplePdf(300_000);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), '사업계획서.pdf');
    const up = await applicant.call('POST', `/api/v1/applications/${draft.id}/attachments`, form);
    expect(up.status).toBe(201);
    const id = up.json.attachment.id;
    const sha = createHash('sha256').update(pdf).digest('hex');
    const backends = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const down = await applicant.call('GET', `/api/v1/applications/${draft.id}/attachments/${id}`);
      expect(down.status).toBe(200);
      expect(createHash('sha256').update(down.bytes).digest('hex')).toBe(sha);
      backends.add(down.backend!);
    }
    expect([...backends].sort()).toEqual(['a', 'b']);
  });

  it('runs each queued job exactly once across three workers', async () => {
    const office = client();
    await office.signIn('operator@demo.stagegate.kr');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await office.call('POST', '/api/v1/provenance/comparisons', {
        candidate: `team-${i}.safetensors`,
        references: ['open-base.safetensors'],
        mode: 'commit',
      });
      expect(r.status, JSON.stringify(r.json)).toBe(202);
      ids.push(r.json.comparisonId);
    }
    const jobs = await until(
      'the four comparisons',
      async () => {
        const rows = await query<{ status: string; attempts: number; id: string; locked_by: string }>(
          "select id, status, attempts, locked_by from jobs where kind = 'provenance.compare'",
        );
        return rows.length === 4 && rows.every((r) => r.status === 'done' || r.status === 'failed') ? rows : undefined;
      },
      240_000,
    );
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(jobs.map((j) => j.attempts)).toEqual([1, 1, 1, 1]);
    const done = await query<{ object_id: string; n: string }>("select object_id, count(*) as n from audit_log where action = 'job.done' group by object_id");
    expect(done.filter((d) => jobs.some((j) => j.id === d.object_id)).map((d) => Number(d.n))).toEqual([1, 1, 1, 1]);
    // and every comparison answers the same on either process
    for (const id of ids) {
      const a = await office.call('GET', `/api/v1/provenance/comparisons/${id}`);
      const b = await office.call('GET', `/api/v1/provenance/comparisons/${id}`);
      expect(a.status).toBe(200);
      expect(new Set([a.backend, b.backend]).size).toBe(2);
      expect(JSON.stringify(a.json)).toBe(JSON.stringify(b.json));
    }
  });

  it('holds a call closed on one process as closed on the other', async () => {
    const office = client();
    await office.signIn('operator@demo.stagegate.kr');
    const closed = await office.call('POST', '/api/v1/calls/specialized-fm/2025-call/state', {
      action: 'close',
      reason: '접수 마감 (규모 확장 시험)',
      mode: 'commit',
    });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    const applicant = client();
    await applicant.signIn('applicant@demo.stagegate.kr');
    const draft = (await applicant.call('GET', '/api/v1/applications')).json.applications.find((a: { status: string }) => a.status === 'draft');
    const backends = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const r = await applicant.call('POST', `/api/v1/applications/${draft.id}/submit`, { version: draft.currentVersion, mode: 'commit' });
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('call_closed');
      backends.add(r.backend!);
    }
    expect([...backends].sort()).toEqual(['a', 'b']);
  });
});
