/**
 * Sign-ins under load: public reads while 50 and 300 sign-ins run, beside the same reads alone.
 * See README.md. Run: npx tsx bench/sign-in/run.ts [--port 4200] [--readers 4] [--server postgres://…]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4200' },
    readers: { type: 'string', default: '4' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    bursts: { type: 'string', default: '50,300' },
  },
});
const PORT = Number(values.port);
const READERS = Number(values.readers);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-password-1';
const ACCOUNTS = 350;

const dbName = `sg_signin_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(values.server!);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const dataDir = mkdtempSync(join(tmpdir(), 'sg-signin-'));

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['packages/app/bin/stagegate.js', 'serve'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      STAGEGATE_DATA: dataDir,
      STAGEGATE_DEMO: '1',
      STAGEGATE_SECRET: 'signin-secret-signin-secret-signin-sec-0',
      STAGEGATE_PUBLIC_URL: BASE,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`server exited ${child.exitCode}: ${stderr}`));
      try {
        if ((await fetch(`${BASE}/api/v1/health`)).ok) return resolve(child);
      } catch {
        // not listening yet: poll again
      }
      if (Date.now() > deadline) return reject(new Error(`server did not start: ${stderr}`));
      setTimeout(poll, 200);
    };
    poll();
  });
}

/** One HTTP request from a given loopback address (each simulated person has their own). */
function send(method: 'GET' | 'POST', path: string, body?: object, from = '127.0.0.1'): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const payload = body ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${BASE}${path}`,
      {
        method,
        localAddress: from,
        agent: false,
        headers: { origin: BASE, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** READERS closed-loop readers of the public programs list until `until` resolves. */
async function readWhile(until: Promise<unknown>): Promise<number[]> {
  const lat: number[] = [];
  let done = false;
  until.finally(() => (done = true));
  await Promise.all(
    Array.from({ length: READERS }, async (_, r) => {
      while (!done) {
        const res = await send('GET', '/api/v1/programs', undefined, `127.0.200.${r + 1}`);
        if (res.status !== 200) throw new Error(`read answered ${res.status}`);
        lat.push(res.ms);
      }
    }),
  );
  return lat;
}

async function signInBurst(n: number, offset: number): Promise<{ lat: number[]; statuses: Record<number, number>; wallMs: number }> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const k = offset + i;
      // each person signs in from their own address (10.x would need routing; loopback is 127/8)
      return send(
        'POST',
        '/api/auth/sign-in/email',
        { email: `bench${k}@signin.bench`, password: PASSWORD },
        `127.0.${1 + Math.floor(k / 200)}.${1 + (k % 200)}`,
      );
    }),
  );
  const statuses: Record<number, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { lat: results.map((r) => r.ms), statuses, wallMs: performance.now() - started };
}

async function main() {
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  let server: ChildProcess | null = null;
  try {
    server = await startServer();
    // the accounts, written directly with one better-auth-format hash (signing up 350 people would
    // itself cost 350 hashes before the measurement starts)
    const salt = randomBytes(16).toString('hex');
    const hash = `${salt}:${scryptSync(PASSWORD.normalize('NFKC'), salt, 64, { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 }).toString('hex')}`;
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    for (let k = 0; k < ACCOUNTS; k++) {
      const id = `bench-${k}`;
      await db.query(`insert into "user" (id, name, email, email_verified, role) values ($1, $2, $3, true, 'applicant')`, [
        id,
        `Bench ${k}`,
        `bench${k}@signin.bench`,
      ]);
      await db.query(
        `insert into account (id, account_id, provider_id, user_id, password, created_at, updated_at) values ($1, $2, 'credential', $2, $3, now(), now())`,
        [`acct-${k}`, id, hash],
      );
    }
    await db.end();
    await readWhile(new Promise((r) => setTimeout(r, 1000))); // warm-up

    const rows: string[] = [];
    const alone = await readWhile(new Promise((r) => setTimeout(r, 5000)));
    rows.push(`| public reads alone (${READERS} readers, 5 s) | ${fmt(pct(alone, 50))} | ${fmt(pct(alone, 99))} | ${alone.length} reads |`);
    console.log(rows.at(-1));
    let offset = 0;
    for (const n of values.bursts!.split(',').map(Number)) {
      const burst = signInBurst(n, offset);
      offset += n;
      const reads = await readWhile(burst);
      const b = await burst;
      rows.push(`| public reads while ${n} sign-ins run | ${fmt(pct(reads, 50))} | ${fmt(pct(reads, 99))} | ${reads.length} reads |`);
      console.log(rows.at(-1));
      rows.push(
        `| the ${n} sign-ins themselves | ${fmt(pct(b.lat, 50))} | ${fmt(pct(b.lat, 99))} | ${Object.entries(b.statuses)
          .map(([s, c]) => `${c}× ${s}`)
          .join(', ')}; all done in ${fmt(b.wallMs)} |`,
      );
    }
    console.log(`\nsign-ins vs public reads on loopback (${new Date().toISOString().slice(0, 10)}, PostgreSQL, scrypt N=16384 r=16)\n`);
    console.log('| workload | p50 | p99 | note |\n| --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
    console.log(`\ngoal (issue 19 item 4): reads' p99 while 50 sign-ins run < 300 ms`);
  } finally {
    server?.kill('SIGTERM');
    if (server) await new Promise((r) => server!.once('exit', r));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
