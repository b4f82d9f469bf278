import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const serverUrl = process.env.STAGEGATE_TEST_DATABASE_URL;
const cli = join(import.meta.dirname, '..', 'bin', 'stagegate.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => resolve({ code, out, err }));
  });
}

// Needs a PostgreSQL server (npm run test:pg); on PGlite one process per folder is enforced instead.
describe.skipIf(!serverUrl)('issue 19 item 7: two processes starting at once on one fresh PostgreSQL', () => {
  it('both migrate and seed the demo (under an advisory lock), with one copy of every account and program', async () => {
    const { default: pg } = await import('pg');
    const name = `sg_test_start_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    const dirs = [await mkdtemp(join(tmpdir(), 'sg-start-a-')), await mkdtemp(join(tmpdir(), 'sg-start-b-'))];
    try {
      const env = (dir: string) => ({
        DATABASE_URL: u.toString(),
        STAGEGATE_DATA: dir,
        STAGEGATE_SECRET: 'start-secret-start-secret-start-secret-0',
        LOG_LEVEL: 'silent',
      });
      const [a, b] = await Promise.all(dirs.map((d) => run(['seed', '--json'], env(d))));
      // (node-postgres may print a deprecation warning about overlapping queries; that is not a failure)
      for (const r of [a, b]) expect(r.err).not.toMatch(/error|duplicate key/i);
      expect([a.code, b.code]).toEqual([0, 0]);
      const reports = [JSON.parse(a.out), JSON.parse(b.out)];
      // exactly one of them loaded the programs; the other found them loaded
      const statuses = reports.map((r: { programs: { status: string }[] }) => r.programs.map((p) => p.status).join(','));
      expect(statuses.filter((s) => s.split(',').every((x) => x === 'unchanged'))).toHaveLength(1);
      const db = new pg.Client({ connectionString: u.toString() });
      await db.connect();
      const dupUsers = await db.query('select email, count(*) from "user" group by email having count(*) > 1');
      const programs = await db.query('select slug from programs order by slug');
      await db.end();
      expect(dupUsers.rows).toEqual([]);
      expect(programs.rows.length).toBeGreaterThan(0);
      expect(new Set(programs.rows.map((r) => r.slug)).size).toBe(programs.rows.length);
      // and the audit chain the two wrote is one chain, signed with the shared key
      const verify = await run(['audit', 'verify', '--json'], env(dirs[0]!));
      expect(JSON.parse(verify.out)).toMatchObject({ ok: true, problems: [], keySource: 'STAGEGATE_SECRET' });
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  }, 300_000);
});
