import { createHash } from 'node:crypto';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './connect.ts';

interface Session {
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> };
}

/** A statement's name, taken from its text: the same text is the same statement on every connection. */
const statementName = (text: string) => `sg_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;

/** A named statement with its values, ready to send. */
export interface FilledStatement {
  sql: string;
  params: unknown[];
  name: string;
}

/** A statement built once with placeholders; `fill` gives it with one call's values, `run` sends it. */
export interface NamedTemplate<Row, Values> {
  fill(on: Db | Tx, values: Values): FilledStatement;
  run(on: Db | Tx, values: Values): Promise<{ rows: Row[] }>;
}

/**
 * A named statement whose text Drizzle builds once, with placeholders (`sql.placeholder('name')`),
 * and whose values are filled in for each call, encoded as their columns encode them: the hot path
 * neither builds SQL nor hashes its text again. Built once per Drizzle instance, run on the caller's
 * connection (a transaction or the pool) and counted by its logger.
 */
export function namedTemplate<Row, Values extends Record<string, unknown>>(build: (on: Db | Tx) => SQL): NamedTemplate<Row, Values> {
  const built = new WeakMap<object, FilledStatement>();
  const fill = (on: Db | Tx, values: Values): FilledStatement => {
    const { dialect } = (on as unknown as { session: Session }).session;
    let template = built.get(dialect);
    if (!template) {
      const query = dialect.sqlToQuery(build(on));
      template = { ...query, name: statementName(query.sql) };
      built.set(dialect, template);
    }
    return { ...template, params: fillPlaceholders(template.params, values) };
  };
  return { fill, run: (on, values) => runFilled<Row>(on, fill(on, values)) };
}

/** Sends a filled statement on the caller's connection, as a named statement. */
export async function runFilled<Row>(on: Db | Tx, statement: FilledStatement): Promise<{ rows: Row[] }> {
  const session = (on as unknown as { session: Session }).session;
  return (await session.prepareQuery({ sql: statement.sql, params: statement.params }, undefined, statement.name, false).execute()) as { rows: Row[] };
}
