import { sql, type SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { isEmbedded, type Tx } from './connect.ts';

/**
 * Runs a transaction's last write and its commit in one round trip to PostgreSQL, so rows locked
 * before it are released without waiting for the process to send `commit` after the answer (under a
 * deadline surge the process is busy and that wait is most of what a queue's holder spends).
 *
 * PostgreSQL takes several statements in one message only without bound parameters, so the
 * parameters are written into the text as literals by node-postgres's own `escapeLiteral` (the
 * quoting it documents for any `standard_conforming_strings`), each as the text it would have sent
 * for the parameter. A failing write skips the rest of the message, and the caller's transaction
 * rolls back as usual. A `begin` follows the commit so the transaction wrapper's own `commit` closes
 * an empty transaction instead of warning. PGlite runs the write and leaves the commit to the wrapper.
 */
export async function lastWriteAndCommit(tx: Tx, write: SQL): Promise<void> {
  if (isEmbedded(tx)) {
    await tx.execute(write);
    return;
  }
  const dialect = (tx as unknown as { dialect: PgDialect }).dialect;
  const query = dialect.sqlToQuery(write);
  // loaded already: this is the PostgreSQL driver's path
  const { escapeLiteral } = await import('pg');
  await tx.execute(sql.raw(`${withLiterals(query.sql, query.params, escapeLiteral)};\ncommit;\nbegin`));
}

/** `$1`, `$2`… replaced by their values as literals; the placeholders must come in order, one per parameter. */
export function withLiterals(text: string, params: readonly unknown[], escapeLiteral: (s: string) => string): string {
  let next = 1;
  const out = text.replace(/\$(\d+)/g, (_, n: string) => {
    // a `$n` out of order would be text of the statement itself (a literal), not a placeholder
    if (Number(n) !== next) throw new Error(`lastWriteAndCommit: placeholder $${n} where $${next} was expected`);
    return literal(params[next++ - 1], escapeLiteral);
  });
  if (next - 1 !== params.length) throw new Error(`lastWriteAndCommit: ${params.length} parameters for ${next - 1} placeholders`);
  return out;
}

function literal(v: unknown, escapeLiteral: (s: string) => string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeLiteral(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`lastWriteAndCommit: ${v} is not a number PostgreSQL stores`);
    return escapeLiteral(String(v));
  }
  if (typeof v === 'boolean') return v ? "'true'" : "'false'";
  if (v instanceof Date) return escapeLiteral(v.toISOString());
  throw new Error(`lastWriteAndCommit: a ${typeof v} parameter has no literal here; pass it as text`);
}
