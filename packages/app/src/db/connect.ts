import { availableParallelism } from 'node:os';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import { createFromTemplate } from './pgdata-template.ts';
import { pgliteArtifacts } from './pglite-artifacts.ts';

export type Schema = typeof schema;
/** Either driver: PGlite embedded in the process, or a PostgreSQL server through node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** where the data lives, for logs (never the password) */
  description: string;
  /**
   * Runs fn while no other process on this database runs its own `exclusive` section: migrations
   * and seeding, which two processes starting at once on a fresh PostgreSQL would otherwise race.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Any fixed number, the same in every process (and distinct from the audit's old lock key).
const STARTUP_LOCK_KEY = 7_100_402;

const embedded = new WeakSet<object>();

/** PGlite has no autovacuum: code that deletes in bulk vacuums there itself. */
export function isEmbedded(db: Db | Tx): boolean {
  return embedded.has((db as unknown as { dialect: object }).dialect);
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface DatabaseOptions {
  /** postgres://… — when set, the server is used and dataDir is ignored */
  url?: string;
  /** PGlite data folder; `memory://` for a throw-away instance */
  dataDir?: string;
  /** PostgreSQL pool size (STAGEGATE_DB_POOL); by default sized for the machine, `defaultPoolSize` */
  poolSize?: number;
  /**
   * The process runs one command and exits (the CLI): PGlite starts with 16 MB of shared buffers
   * instead of Postgres's 128 MB. Setting those up is a third of PGlite's start-up CPU and a short
   * command touches far less; the server and the worker keep the default for their working set.
   */
  oneShot?: boolean;
}

/**
 * Connections this process keeps to PostgreSQL by default: four per core, between 8 and 20. A
 * submission now holds the call's queues for two statements and the commit only, so more
 * connections than the server can run at once only add waiting and context switches (on 2 cores,
 * a surge ran faster with 8 than with 20).
 */
export const defaultPoolSize = (cores = availableParallelism()): number => Math.min(20, Math.max(8, 4 * cores));

/**
 * node-postgres closes a connection idle for 10 s. A new one costs PostgreSQL 20–40 ms of CPU
 * (measured in the surge bench: the backend's start, its catalog caches, and every named statement
 * parsed and planned again), so a server that closed them met every burst after a quiet minute —
 * a deadline surge — by opening its pool again, on the cores the burst needed. A server keeps its
 * connections (a fixed pool, as HikariCP recommends; one that breaks is dropped on its error and
 * opened again when needed) with TCP keepalive after a minute's quiet, so a firewall or NAT that
 * forgets idle flows keeps them. An idle connection does not hold the process open (what keeps a
 * server alive is its listener or its job loop): a start that failed would otherwise say "error"
 * and never exit. A one-shot command keeps node-postgres's defaults and exits.
 */
function keepConnections(oneShot: boolean | undefined): {
  idleTimeoutMillis?: number;
  allowExitOnIdle?: boolean;
  keepAlive?: boolean;
  keepAliveInitialDelayMillis?: number;
} {
  return oneShot ? {} : { idleTimeoutMillis: 0, allowExitOnIdle: true, keepAlive: true, keepAliveInitialDelayMillis: 60_000 };
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? defaultPoolSize(), ...keepConnections(opts.oneShot) });
    // An idle connection closed by the server (restart, failover, a dropped database) must not take
    // the process down; the pool opens a new one on the next query.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') process.emitWarning(`PostgreSQL idle connection error: ${err.message}`);
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    const safe = opts.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
      // a session lock on one pooled connection held for the duration; fn uses the others
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    };
    return { db, kind: 'postgres', description: safe, exclusive, close: () => pool.end() };
  }
  const dataDir = opts.dataDir ?? './.stagegate';
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dataDir.startsWith('memory://')) {
    await mkdir(dataDir, { recursive: true });
    await createFromTemplate(`${dataDir}/pgdata`);
  }
  const client = new PGlite(dataDir.startsWith('memory://') ? undefined : `${dataDir}/pgdata`, {
    ...(await pgliteArtifacts()),
    ...(opts.oneShot ? { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] } : {}),
  });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  embedded.add((db as unknown as { dialect: object }).dialect);
  // one process per data folder (data-dir-lock.ts), so nothing else can run at the same time
  return { db, kind: 'pglite', description: `PGlite at ${dataDir}`, exclusive: (fn) => fn(), close: () => client.close() };
}

/** Applies the committed SQL migrations (the same files for PGlite and PostgreSQL). */
export async function migrateDatabase(database: Database): Promise<void> {
  if (await migrationsUpToDate(database.db)) return;
  await database.exclusive(async () => {
    if (database.kind === 'pglite') {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(database.db as never, { migrationsFolder });
    } else {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      await migrate(database.db as never, { migrationsFolder });
    }
  });
}

/**
 * Drizzle applies every migration whose journal time (`when`) is later than the newest one it
 * recorded, after creating its schema and table, reading and hashing every file, in a transaction
 * — work a start-up on an up-to-date database pays for nothing. The same rule in one query: when
 * the recorded head is at or past the journal's last entry there is nothing to apply. Anything
 * else (a new database, no drizzle table yet, an older head) takes drizzle's full path.
 */
async function migrationsUpToDate(db: Db): Promise<boolean> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: { when: number }[] };
  const last = journal.entries.at(-1)?.when;
  if (last === undefined) return false;
  try {
    const res = await db.execute(sql`select max(created_at) as head from drizzle.__drizzle_migrations`);
    const head = (res as unknown as { rows: { head: string | number | null }[] }).rows[0]?.head;
    return head !== null && head !== undefined && Number(head) >= last;
  } catch {
    return false; // no drizzle table yet: a new database
  }
}
