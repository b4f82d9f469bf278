/**
 * Submission surge: many applicants submit in the last minute against PostgreSQL.
 * See README.md. Run: npx tsx bench/submission-surge/run.ts [--apps 200] [--runs 3]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { registrationCheckDigit, formatRegistrationNumber } from '../../packages/core/src/organisation/registration-number.ts';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    // untimed submissions at once before the timed runs (and as many requests to each peer before
    // its run): a deadline surge meets a server that has been serving all day, not a cold one
    warm: { type: 'string', default: '50' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    port: { type: 'string', default: '4300' },
    // write the server's CPU profile (node --cpu-prof) into this folder; the server is stopped with
    // SIGTERM after the timed runs so the profile of the surges is written before the crash phase
    'cpu-prof': { type: 'string' },
  },
});
const APPS = Number(values.apps);
const RUNS = Number(values.runs);
const WARM = Number(values.warm);
const ADMIN_URL = values.server!;
const PORT = Number(values.port); // ours on PORT, the peer on PORT + 1
const BASE = `http://127.0.0.1:${PORT}`;
const PROGRAM = 'specialized-fm';
const CALL = '2025-call';

const dbName = `sg_surge_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const dataDir = mkdtempSync(join(tmpdir(), 'sg-surge-'));

// ── the server, as a child process ───────────────────────────────────────────
let server: ChildProcess | null = null;
function startServer(): Promise<void> {
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const child = spawn(process.execPath, [...profile, 'packages/app/bin/stagegate.js', 'serve'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      STAGEGATE_DATA: dataDir,
      STAGEGATE_BLOBS: join(dataDir, 'blobs'),
      STAGEGATE_DEMO: '1',
      STAGEGATE_SECRET: 'surge-secret-surge-secret-surge-secret-00',
      STAGEGATE_PUBLIC_URL: BASE,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server = child;
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    // a first start migrates and seeds; on a loaded machine through tsx that can take over a minute
    const deadline = Date.now() + 240_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`server exited ${child.exitCode}: ${stderr}`));
      try {
        if ((await fetch(`${BASE}/api/v1/health`)).ok) return resolve();
      } catch {
        // not listening yet: poll again
      }
      if (Date.now() > deadline) return reject(new Error(`server did not start: ${stderr}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}
function killServer(signal: NodeJS.Signals): Promise<void> {
  const child = server!;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

// ── a tiny HTTP client with cookies ──────────────────────────────────────────
async function call(method: string, path: string, cookie: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(BASE + path, {
    method,
    headers: { origin: BASE, cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, setCookie: res.headers.getSetCookie() };
}

/**
 * Sign-ups are limited per client address (20 per 15 minutes), as they should be; the bench's
 * applicants are many people, so each signs up from its own loopback address (127.0.x.y).
 */
let addressSerial = 0;
function authPost(path: string, payload: unknown, localAddress: string): Promise<{ status: number; cookie: string; body: string }> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      BASE + path,
      { method: 'POST', localAddress, headers: { origin: BASE, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, cookie: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; '), body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let confirming: Promise<unknown> = Promise.resolve();

/** Signs up, confirms the address (the confirmation mail's link, by the bench's database client) and signs in. */
async function signUp(db: pg.Client, email: string): Promise<string> {
  const n = addressSerial++;
  const localAddress = `127.0.${1 + Math.floor(n / 250)}.${2 + (n % 250)}`;
  const credentials = { email, password: 'surge-password-1' };
  const up = await authPost('/api/auth/sign-up/email', { ...credentials, name: email }, localAddress);
  if (up.status !== 200) throw new Error(`sign-up: ${up.status} ${up.body}`);
  // applicants sign up side by side and share this one client: its queries go one after another
  await (confirming = confirming.then(() => db.query('update "user" set email_verified = true where email = $1', [email])));
  const signIn = await authPost('/api/auth/sign-in/email', credentials, localAddress);
  if (signIn.status !== 200 || !signIn.cookie) throw new Error(`sign-in: ${signIn.status} ${signIn.body}`);
  return signIn.cookie;
}

let orgSerial = 0;
const regNo = () => {
  const nine = `7${String(process.pid % 100).padStart(2, '0')}${String(++orgSerial).padStart(6, '0')}`;
  return formatRegistrationNumber(nine + registrationCheckDigit([...nine].map(Number)));
};

interface Prepared {
  cookie: string;
  id: string;
  version: number;
}

/** Applicants register, build an eligible consortium and a complete proposal (not timed). */
async function prepare(db: pg.Client, count: number, tag: string): Promise<Prepared[]> {
  const perApplicant = 5;
  const out: Prepared[] = [];
  const applicants = Math.ceil(count / perApplicant);
  await Promise.all(
    Array.from({ length: applicants }, async (_, a) => {
      const email = `surge-${tag}-${a}@bench.test`;
      const cookie = await signUp(db, email);
      for (let k = 0; k < perApplicant && a * perApplicant + k < count; k++) {
        const reg = regNo();
        const org = await call('POST', '/api/v1/organisations', cookie, {
          nameKo: `급증 ${tag} ${a}-${k}`,
          nameEn: `Surge ${tag} ${a}-${k}`,
          type: 'startup',
          country: 'KR',
          registrationNo: reg,
        });
        if (org.status !== 201 && org.status !== 200) throw new Error(`organisation: ${org.status} ${JSON.stringify(org.json)}`);
        // the consortium names registered organisations: a university of the registry beside the lead
        const uni = await call('POST', '/api/v1/organisations', cookie, {
          nameKo: `급증대학교 ${tag} ${a}-${k}`,
          nameEn: `Surge University ${tag} ${a}-${k}`,
          type: 'university',
          country: 'KR',
          registrationNo: regNo(),
        });
        if (uni.status !== 201) throw new Error(`university: ${uni.status} ${JSON.stringify(uni.json)}`);
        const app = await call('POST', '/api/v1/applications', cookie, { program: PROGRAM, call: CALL, organisationId: org.json.organisation.id });
        const saved = await call('PATCH', `/api/v1/applications/${app.json.application.id}`, cookie, {
          baseVersion: 1,
          consortium: { participants: [{ organisationId: uni.json.organisation.id, role: 'data' }] },
          proposal: {
            title: `급증 과제 ${tag} ${a}-${k}`,
            domain: 'medical',
            summary: 's',
            developmentGoals: 'g',
            stageGoals: [{ metric: 'm', target: 't', dueDate: '2026-03-31' }],
            gpuRequest: [{ phaseKey: 'phase-1', gpus: 8 }],
            openSourcePlan: { what: 'w', licence: 'MIT' },
          },
        });
        if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.json)}`);
        out.push({ cookie, id: app.json.application.id, version: saved.json.version });
      }
    }),
  );
  // A server that has served all day has statistics for its tables (autovacuum analyses a table
  // after a tenth of it changed, checking once a minute); this database is minutes old, and the
  // plans PostgreSQL keeps per connection would otherwise be made for the empty tables it began with.
  await db.query('analyze');
  return out;
}

interface Ack {
  id: string;
  receiptNo: string;
  latencyMs: number;
  attempts: number;
}

/** One applicant's submission: retried with the same version and idempotency key until acknowledged. */
async function submitWithRetry(p: Prepared, retry: boolean): Promise<Ack> {
  const key = `${p.id}:${p.version}`;
  const start = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await call('POST', `/api/v1/applications/${p.id}/submit`, p.cookie, { version: p.version }, { 'idempotency-key': key });
      if (res.status === 200 || res.status === 201)
        return { id: p.id, receiptNo: res.json.receipt.receiptNo, latencyMs: performance.now() - start, attempts: attempt };
      if (!retry || res.status < 500) throw new Error(`submit ${p.id}: ${res.status} ${JSON.stringify(res.json)}`);
    } catch (err) {
      if (!retry || (err instanceof Error && err.message.startsWith('submit '))) throw err;
    }
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
}

/**
 * CPU time (ms) a process has run, all its threads, from the scheduler's count in /proc (nanoseconds:
 * a backend's few milliseconds would round to nothing in clock ticks). What a submission costs the
 * machine is steadier than its throughput on shared cores, where other processes' load moves every rate.
 */
function cpuMs(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((sum, t) => sum + Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]) / 1e6, 0);
  } catch {
    return 0; // gone, or not on Linux
  }
}

/**
 * The write and read system calls a process has made (all its threads), from /proc: on these VMs a
 * write to a loopback socket runs the receiver's side of TCP inside the writer's call, so how many a
 * request takes is much of what it costs.
 */
function syscalls(pid: number): { writes: number; reads: number } {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? NaN);
    return { writes: field('syscw'), reads: field('syscr') };
  } catch {
    return { writes: NaN, reads: NaN };
  }
}

/** The CPU of a server process and of PostgreSQL's backends serving this database, over `work`. */
async function cpuOver<T>(
  db: pg.Client,
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; nodeMs: number; postgresMs: number; opened: number; writes: number; reads: number }> {
  const backends = async () =>
    (await db.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((r) => r.pid as number);
  const before = new Map((await backends()).map((b) => [b, cpuMs(b)]));
  const node0 = cpuMs(pid);
  const io0 = syscalls(pid);
  const result = await work();
  const nodeMs = cpuMs(pid) - node0;
  const io1 = syscalls(pid);
  const after = await backends();
  const postgresMs = after.reduce((sum, b) => sum + cpuMs(b) - (before.get(b) ?? 0), 0);
  // connections the server opened during the run: each costs PostgreSQL a backend's start-up
  const opened = after.filter((b) => !before.has(b)).length;
  return { result, nodeMs, postgresMs, opened, writes: io1.writes - io0.writes, reads: io1.reads - io0.reads };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const median = (xs: number[]) => pct(xs, 50);

async function verify(db: pg.Client, acks: Ack[], ids: string[]) {
  const rows = (await db.query('select application_id, receipt_no from receipts where application_id = any($1::uuid[])', [ids])).rows as {
    application_id: string;
    receipt_no: string;
  }[];
  const byApp = new Map<string, string[]>();
  for (const r of rows) byApp.set(r.application_id, [...(byApp.get(r.application_id) ?? []), r.receipt_no]);
  const missing = acks.filter((a) => !byApp.get(a.id)?.includes(a.receiptNo)).length;
  const twice = [...byApp.values()].filter((v) => v.length > 1).length;
  const allNumbers = (await db.query('select receipt_no from receipts where program_slug = $1 and call_key = $2', [PROGRAM, CALL])).rows.map(
    (r) => r.receipt_no,
  );
  const duplicateNumbers = allNumbers.length - new Set(allNumbers).size;
  return { stored: rows.length, missing, twice, duplicateNumbers };
}

/**
 * The peer: a bare Fastify + pg server (peer.ts, a child process like ours) doing the counter upsert,
 * one insert and the commit per request; the same number of requests at once over HTTP.
 */
async function peerSurge(
  db: pg.Client,
  n: number,
): Promise<{ throughput: number; p50: number; p99: number; nodeMs: number; postgresMs: number; opened: number; writes: number; reads: number }> {
  const port = PORT + 1;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/submission-surge/peer.ts'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`peer exited ${code}`)));
  });
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, WARM) }, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"warm":true}' });
        await res.text();
      }),
    );
    const start = performance.now();
    const {
      result: lat,
      nodeMs,
      postgresMs,
      opened,
      writes,
      reads,
    } = await cpuOver(db, child.pid!, () =>
      Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const t0 = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/submit`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ i }),
          });
          if (res.status !== 200) throw new Error(`peer: ${res.status}`);
          await res.text();
          return performance.now() - t0;
        }),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    return {
      throughput: n / seconds,
      p50: pct(lat, 50),
      p99: pct(lat, 99),
      nodeMs: nodeMs / n,
      postgresMs: postgresMs / n,
      opened,
      writes: writes / n,
      reads: reads / n,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const db = new pg.Client({ connectionString: dbUrl });
  console.log(`submission-surge: ${APPS} applications per run, ${RUNS} runs, PostgreSQL database ${dbName}, server on ${BASE}`);
  try {
    await startServer();
    await db.connect();
    const version = (await db.query('show server_version')).rows[0].server_version;
    console.log(`PostgreSQL ${version}; node ${process.version}; ${(await import('node:os')).cpus().length} CPUs`);

    // ── phase 1: the surge, several runs ────────────────────────────────────
    type Figures = { throughput: number; p50: number; p99: number; nodeMs: number; postgresMs: number };
    const runs: (Figures & { peer: Figures })[] = [];
    if (WARM > 0) {
      const warm = await prepare(db, WARM, 'warm');
      await Promise.all(warm.map((p) => submitWithRetry(p, false)));
      console.log(`  warm-up: ${WARM} submissions at once, untimed`);
    }
    for (let r = 0; r < RUNS; r++) {
      const prepared = await prepare(db, APPS, `r${r}`);
      const start = performance.now();
      const {
        result: acks,
        nodeMs,
        postgresMs,
        opened,
        writes,
        reads,
      } = await cpuOver(db, server!.pid!, () => Promise.all(prepared.map((p) => submitWithRetry(p, false))));
      const seconds = (performance.now() - start) / 1000;
      const check = await verify(
        db,
        acks,
        prepared.map((p) => p.id),
      );
      if (check.missing || check.twice || check.duplicateNumbers || check.stored !== APPS) throw new Error(`run ${r}: ${JSON.stringify(check)}`);
      const peer = await peerSurge(db, APPS);
      const lat = acks.map((a) => a.latencyMs);
      runs.push({ throughput: APPS / seconds, p50: pct(lat, 50), p99: pct(lat, 99), nodeMs: nodeMs / APPS, postgresMs: postgresMs / APPS, peer });
      console.log(
        `  run ${r + 1}: ${APPS} submitted in ${seconds.toFixed(2)} s → ${(APPS / seconds).toFixed(1)}/s, p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms; all ${check.stored} receipts stored, 0 duplicates; ` +
          `peer (bare Fastify + pg) ${peer.throughput.toFixed(1)}/s, p50 ${peer.p50.toFixed(0)} ms, p99 ${peer.p99.toFixed(0)} ms; ` +
          `CPU per request: ours node ${(nodeMs / APPS).toFixed(2)} ms + postgres ${(postgresMs / APPS).toFixed(2)} ms, peer node ${peer.nodeMs.toFixed(2)} ms + postgres ${peer.postgresMs.toFixed(2)} ms; ` +
          `write/read system calls per request: ours ${(writes / APPS).toFixed(1)}/${(reads / APPS).toFixed(1)}, peer ${peer.writes.toFixed(1)}/${peer.reads.toFixed(1)}; ` +
          `PostgreSQL connections opened during the run: ours ${opened}, peer ${peer.opened}`,
      );
    }
    const med = { throughput: median(runs.map((r) => r.throughput)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
    console.log(
      `CPU per request (median of ${RUNS}): ours node ${median(runs.map((r) => r.nodeMs)).toFixed(2)} ms + postgres ${median(runs.map((r) => r.postgresMs)).toFixed(2)} ms; ` +
        `peer node ${median(runs.map((r) => r.peer.nodeMs)).toFixed(2)} ms + postgres ${median(runs.map((r) => r.peer.postgresMs)).toFixed(2)} ms`,
    );
    const peer = { throughput: median(runs.map((r) => r.peer.throughput)), p50: median(runs.map((r) => r.peer.p50)), p99: median(runs.map((r) => r.peer.p99)) };
    console.log(`surge (median of ${RUNS}): ${med.throughput.toFixed(1)} submissions/s, p50 ${med.p50.toFixed(0)} ms, p99 ${med.p99.toFixed(0)} ms`);
    console.log(`peer  (median of ${RUNS}): ${peer.throughput.toFixed(1)} requests/s, p50 ${peer.p50.toFixed(0)} ms, p99 ${peer.p99.toFixed(0)} ms`);
    const tput = med.throughput / peer.throughput;
    const p99 = med.p99 / peer.p99;
    console.log(
      `ratio: throughput ${(tput * 100).toFixed(0)} % of the peer (goal ≥ 50 %), p99 ${p99.toFixed(2)}× the peer's (goal ≤ 1.5×) → ${tput >= 0.5 && p99 <= 1.5 ? 'goal met' : 'goal NOT met'}`,
    );

    if (values['cpu-prof']) {
      await killServer('SIGTERM');
      await startServer();
    }

    // ── phase 2: SIGKILL mid-surge, restart, clients retry ───────────────────
    const prepared = await prepare(db, APPS, 'kill');
    const acked: Ack[] = [];
    let killedAt = -1;
    const start = performance.now();
    const inflight = prepared.map((p) =>
      submitWithRetry(p, true).then((a) => {
        acked.push(a);
        return a;
      }),
    );
    // kill once about a third is acknowledged, then restart
    while (acked.length < APPS / 3) await new Promise((r) => setTimeout(r, 5));
    killedAt = acked.length;
    const ackedBeforeKill = [...acked];
    await killServer('SIGKILL');
    const killTime = performance.now();
    await startServer();
    const restartSeconds = (performance.now() - killTime) / 1000;
    const acks = await Promise.all(inflight);
    const seconds = (performance.now() - start) / 1000;
    const check = await verify(
      db,
      acks,
      prepared.map((p) => p.id),
    );
    const lostBeforeKill = ackedBeforeKill.filter((a) => !acks.find((b) => b.id === a.id && b.receiptNo === a.receiptNo)).length;
    const retried = acks.filter((a) => a.attempts > 1).length;
    console.log(
      `kill: SIGKILL after ${killedAt}/${APPS} acknowledged; restart took ${restartSeconds.toFixed(1)} s; ${retried} clients retried; ` +
        `all ${APPS} finished in ${seconds.toFixed(1)} s; stored ${check.stored}, acknowledged-but-missing ${check.missing}, submitted twice ${check.twice}, duplicate receipt numbers ${check.duplicateNumbers}, receipts changed across the kill ${lostBeforeKill}`,
    );
    if (check.missing || check.twice || check.duplicateNumbers || check.stored !== APPS || lostBeforeKill) throw new Error('durability check failed');
    console.log('durability: OK — every acknowledged submission is stored exactly once');
  } finally {
    if (server) await killServer('SIGTERM');
    await db.end().catch(() => {});
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
