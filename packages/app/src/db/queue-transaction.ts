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
  options: { logger?: Logger };
}

// loaded on the first PostgreSQL transaction (the embedded database never needs it) and kept: a
// dynamic import resolves the module again on every call, 1 % of the surge's CPU
let nodePg: Promise<typeof import('drizzle-orm/node-postgres')> | undefined;

/**
 * A transaction that holds a queue everyone else waits in (a call's receipt counter, the audit
 * chain's head), shaped so the queue is held as briefly as PostgreSQL allows:
 * - its named statements keep one generic plan per connection (`set local plan_cache_mode`, sent
 *   with `begin` in one message): PostgreSQL otherwise plans a statement again on every call while
 *   its custom plans look cheaper, and the submission's locked read did (0.3 ms each time);
 * - `begin` goes out with the body's first statement, in one socket write, so the transaction does
 *   not spend a round trip on opening;
 * - its last write and the `commit` are sent together (node-postgres's pipeline mode, parameters
 *   bound as usual, the write a named statement), so the commit does not wait for this busy
 *   process to read the write's answer first. If the write fails, PostgreSQL ends the transaction
 *   at that commit (it answers ROLLBACK) and the write's error is thrown.
 * A body that returns without calling `lastWrite` commits as any transaction does; one that throws
 * rolls back. Its `tx` has no relational `tx.query` API: drizzle builds a query builder for each of
 * the schema's tables in every transaction that has it (2 % of the server's CPU in the surge), and
 * these bodies name their tables. On the embedded database (one process, no network) it is an
 * ordinary transaction.
 */
export async function queueTransaction<T>(db: Db, body: (tx: Tx, lastWrite: LastWrite) => Promise<T>): Promise<T> {
  if (isEmbedded(db)) return db.transaction((tx) => body(tx, async (write) => void (await runFilled(tx, write))));
  const { NodePgSession, NodePgTransaction } = await (nodePg ??= import('drizzle-orm/node-postgres'));
  const root = (db as unknown as { session: RootSession }).session;
  const client: PoolClient = await root.client.connect();
  // Pipeline mode for the whole transaction: a statement goes out as soon as it is issued, so
  // `begin` can travel with the first one and the commit with the last write; statements the body
  // awaits one by one behave as without it.
  const pipelined = client as Pipelined;
  pipelined.pipeline = true;
  // the statements are logged (and counted) as the pool's are
  const logger: Logger = root.options.logger ?? { logQuery() {} };
  const connection = openedByFirstStatement(pipelined, logger);
  // drizzle's session uses its client only to send statements
  const session = new NodePgSession(connection as never, root.dialect as never, undefined, root.options as never);
  const tx = new NodePgTransaction(root.dialect as never, session, undefined) as unknown as Tx;
  let ended = false;
  let broken = false;
  const lastWrite: LastWrite = async (write) => {
    logger.logQuery(write.sql, write.params);
    logger.logQuery('commit', []);
    ended = true;
    const begin = connection.takeBegin();
    const settled = await inOneWrite(pipelined, () => [
      ...(begin ? [client.query(BEGIN)] : []),
      client.query({ name: write.name, text: write.sql, values: write.params }),
      client.query('commit'),
    ]);
    const [written, committed] = settled.slice(-2) as [PromiseSettledResult<unknown>, PromiseSettledResult<unknown>];
    if (begin && settled[0]!.status === 'rejected') {
      broken = true;
      throw settled[0]!.reason;
    }
    if (written.status === 'rejected') throw written.reason;
    if (committed.status === 'rejected') {
      broken = true;
      throw committed.reason;
    }
  };
  try {
    const result = await body(tx, lastWrite);
    if (!ended) await tx.execute(sql`commit`);
    return result;
  } catch (error) {
    if (!ended) await tx.execute(sql`rollback`).catch(() => void (broken = true));
    throw error;
  } finally {
    pipelined.pipeline = false;
    // a connection whose commit or rollback failed is in an unknown state: closed, not reused
    client.release(broken || undefined);
  }
}

const BEGIN = 'begin; set local plan_cache_mode = force_generic_plan';

/**
 * The transaction's connection as its statements see it: the first statement sent, whatever sends
 * it (the body's first read, or the commit or rollback of a body that read nothing), carries `begin`
 * with it in one socket write, and answers with its own result, or `begin`'s error if that failed.
 * `takeBegin` is for a caller that sends a batch of its own: true once, if `begin` has not gone out
 * yet and is now the caller's to send first.
 */
function openedByFirstStatement(client: Pipelined, logger: Logger): { query(...args: unknown[]): Promise<unknown>; takeBegin(): boolean } {
  const send = (...args: unknown[]) => (client.query as (...a: unknown[]) => Promise<unknown>).apply(client, args);
  let pending = true;
  const takeBegin = () => {
    if (!pending) return false;
    pending = false;
    logger.logQuery(BEGIN, []);
    return true;
  };
  const query = (...args: unknown[]) => {
    if (!takeBegin()) return send(...args);
    return inOneWrite(client, () => [send(BEGIN), send(...args)]).then(([begun, first]) => {
      if (begun!.status === 'rejected') throw begun!.reason;
      if (first!.status === 'rejected') throw first!.reason;
      return first!.value;
    });
  };
  return { query, takeBegin };
}

type Pipelined = PoolClient & { pipeline: boolean; connection?: { stream?: { cork?(): void; uncork?(): void } } };

/**
 * Statements sent in one socket write, on a client in pipeline mode (each keeps its own Sync, so one
 * that fails does not swallow the next one's answer). Each write wakes PostgreSQL and costs this
 * process a system call: the writes were a quarter of the server's busy time in the surge.
 */
function inOneWrite(client: Pipelined, send: () => Promise<unknown>[]): Promise<PromiseSettledResult<unknown>[]> {
  const stream = client.connection?.stream;
  stream?.cork?.();
  try {
    return Promise.allSettled(send());
  } finally {
    stream?.uncork?.();
  }
}
