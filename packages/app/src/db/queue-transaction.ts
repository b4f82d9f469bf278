import { sql, type SQL } from 'drizzle-orm';
import type { Pool, PoolClient } from 'pg';
import { isEmbedded, type Db, type Tx } from './connect.ts';
import { runFilled, type FilledStatement } from './named-statement.ts';

/** Sends a transaction's last write and, on PostgreSQL, its commit with it. */
export type LastWrite = (write: FilledStatement) => Promise<void>;

interface Logger {
  logQuery(query: string, params: unknown[]): void;
}
interface RootSession {
  client: Pool;
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
  schema: unknown;
  options: { logger?: Logger };
}

/**
 * A transaction that holds a queue everyone else waits in (a call's receipt counter, the audit
 * chain's head), shaped so the queue is held as briefly as PostgreSQL allows:
 * - its named statements keep one generic plan per connection (`set local plan_cache_mode`, sent
 *   with `begin` in one message): PostgreSQL otherwise plans a statement again on every call while
 *   its custom plans look cheaper, and the submission's locked read did (0.3 ms each time);
 * - its last write and the `commit` are sent together (node-postgres's pipeline mode, parameters
 *   bound as usual, the write a named statement), so the commit does not wait for this busy
 *   process to read the write's answer first. If the write fails, PostgreSQL ends the transaction
 *   at that commit (it answers ROLLBACK) and the write's error is thrown.
 * A body that returns without calling `lastWrite` commits as any transaction does; one that throws
 * rolls back. On the embedded database (one process, no network) it is an ordinary transaction.
 */
export async function queueTransaction<T>(db: Db, body: (tx: Tx, lastWrite: LastWrite) => Promise<T>): Promise<T> {
  if (isEmbedded(db)) return db.transaction((tx) => body(tx, async (write) => void (await runFilled(tx, write))));
  const { NodePgSession, NodePgTransaction } = await import('drizzle-orm/node-postgres');
  const root = (db as unknown as { session: RootSession }).session;
  const client: PoolClient = await root.client.connect();
  const session = new NodePgSession(client, root.dialect as never, root.schema as never, root.options as never);
  const logger = (session as unknown as { logger: Logger }).logger;
  const tx = new NodePgTransaction(root.dialect as never, session, root.schema as never) as unknown as Tx;
  let ended = false;
  let broken = false;
  const lastWrite: LastWrite = async (write) => {
    logger.logQuery(write.sql, write.params);
    logger.logQuery('commit', []);
    ended = true;
    const pipelined = client as PoolClient & { pipeline: boolean; connection?: { stream?: { cork?(): void; uncork?(): void } } };
    const stream = pipelined.connection?.stream;
    pipelined.pipeline = true;
    let settled: PromiseSettledResult<unknown>[];
    try {
      // one socket write for both: each write wakes PostgreSQL and costs this process a system call
      stream?.cork?.();
      const sent = [client.query({ name: write.name, text: write.sql, values: write.params }), client.query('commit')];
      stream?.uncork?.();
      settled = await Promise.allSettled(sent);
    } finally {
      pipelined.pipeline = false;
    }
    const [written, committed] = settled as [PromiseSettledResult<unknown>, PromiseSettledResult<unknown>];
    if (written.status === 'rejected') throw written.reason;
    if (committed.status === 'rejected') {
      broken = true;
      throw committed.reason;
    }
  };
  try {
    await tx.execute(sql`begin; set local plan_cache_mode = force_generic_plan`);
    const result = await body(tx, lastWrite);
    if (!ended) await tx.execute(sql`commit`);
    return result;
  } catch (error) {
    if (!ended) await tx.execute(sql`rollback`).catch(() => void (broken = true));
    throw error;
  } finally {
    // a connection whose commit or rollback failed is in an unknown state: closed, not reused
    client.release(broken || undefined);
  }
}
