import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { migrateDatabase, openDatabase } from '../src/db/connect.ts';
import { createFromTemplate } from '../src/db/pgdata-template.ts';
import { account, user } from '../src/db/schema/index.ts';

// What start-up skips or shares (issue 19 item 2), each checked both ways: skipped when the work is
// done, done when it is not.

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'sg-startup-'));
  dirs.push(d);
  return d;
};

describe('migrations at start-up', () => {
  it('skips drizzle when the recorded head is the last migration, and migrates a database whose head is older', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(database);
      const journal = JSON.parse(await readFile(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
      const applied = async () =>
        Number(
          ((await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] }).rows[0]!.n,
        );
      expect(await applied()).toBe(journal.entries.length);

      // at the head: nothing runs (an object dropped behind drizzle's back is not recreated)
      // (the last migration, 0024, adds the function a statement refuses through)
      const refuseExists = async () =>
        (
          (await database.db.execute(sql`select exists (select 1 from pg_proc where proname = 'stagegate_refuse') as found`)) as unknown as {
            rows: { found: boolean }[];
          }
        ).rows[0]!.found;
      await database.db.execute(sql`drop function stagegate_refuse(text)`);
      await migrateDatabase(database);
      expect(await refuseExists()).toBe(false);

      // a folder from before the last migration: drizzle applies it
      await database.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
      await migrateDatabase(database);
      expect(await refuseExists()).toBe(true);
      expect(await applied()).toBe(journal.entries.length);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('a new data folder from the shipped template', () => {
  async function fakeTemplate(): Promise<string> {
    const t = join(await tempDir(), 'template');
    await mkdir(join(t, 'base', '1'), { recursive: true });
    await writeFile(join(t, 'PG_VERSION'), '17\n');
    await writeFile(join(t, 'base', '1', '1259'), 'catalog');
    return t;
  }

  it('copies the template into a folder with no database, and leaves no copy half-made beside it', async () => {
    const template = await fakeTemplate();
    const data = await tempDir();
    expect(await createFromTemplate(join(data, 'pgdata'), template)).toBe(true);
    expect(await readFile(join(data, 'pgdata', 'base', '1', '1259'), 'utf8')).toBe('catalog');
    expect(await readdir(data)).toEqual(['pgdata']);
  });

  it('never touches a folder that holds a database or anything else, and does nothing without a template', async () => {
    const template = await fakeTemplate();
    const data = await tempDir();
    await mkdir(join(data, 'pgdata'));
    await writeFile(join(data, 'pgdata', 'PG_VERSION'), '17\n');
    await writeFile(join(data, 'pgdata', 'mine'), 'kept');
    expect(await createFromTemplate(join(data, 'pgdata'), template)).toBe(false);
    expect(await readdir(join(data, 'pgdata'))).toEqual(['PG_VERSION', 'mine']);

    const other = await tempDir();
    await mkdir(join(other, 'pgdata'));
    await writeFile(join(other, 'pgdata', 'stray'), 'x');
    expect(await createFromTemplate(join(other, 'pgdata'), template)).toBe(false);
    expect(await readdir(join(other, 'pgdata'))).toEqual(['stray']);

    expect(await createFromTemplate(join(await tempDir(), 'pgdata'), join(template, 'missing'))).toBe(false);
  });
});

describe('demo accounts share one password hash', () => {
  it('stores one hash for the same password only inside sharingPasswordHashes, and every account signs in', async () => {
    const ctx = await createContext({ ...loadConfig({}), dataDir: 'memory://', secret: 'test-secret-test-secret-test-secret-0123', logLevel: 'silent' });
    try {
      const signUp = (email: string) => ctx.auth.api.signUpEmail({ body: { email, password: 'stagegate-demo', name: email } });
      await ctx.sharingPasswordHashes(async () => {
        await signUp('a@demo.stagegate.kr');
        await signUp('b@demo.stagegate.kr');
      });
      await signUp('c@demo.stagegate.kr');
      const rows = await ctx.db
        .select({ email: user.email, hash: account.password })
        .from(account)
        .innerJoin(user, sql`${user.id} = ${account.userId}`);
      const hash = Object.fromEntries(rows.map((r) => [r.email, r.hash]));
      expect(hash['a@demo.stagegate.kr']).toBe(hash['b@demo.stagegate.kr']);
      expect(hash['c@demo.stagegate.kr']).not.toBe(hash['a@demo.stagegate.kr']);
      for (const email of ['a@demo.stagegate.kr', 'b@demo.stagegate.kr', 'c@demo.stagegate.kr']) {
        const res = await ctx.auth.api.signInEmail({ body: { email, password: 'stagegate-demo' } });
        expect(res.user.email).toBe(email);
      }
      await expect(ctx.auth.api.signInEmail({ body: { email: 'b@demo.stagegate.kr', password: 'wrong-password' } })).rejects.toThrow();
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('a CLI context started without the sign-in service says so when asked for it', async () => {
    const ctx = await createContext({ ...loadConfig({}), dataDir: 'memory://', logLevel: 'silent' }, { auth: false });
    try {
      expect(() => ctx.auth).toThrow(/without the sign-in service/);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});
