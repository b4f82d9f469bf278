import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './connect.ts';

interface Session {
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> };
}

const names = new Map<string, string>();
const MAX_NAMES = 256;

/**
 * Runs a statement as a named prepared statement, its name taken from its text: PostgreSQL parses
 * and plans it once per pooled connection instead of on every call. For the hot path's writes,
 * whose text is the same on every call but for a few shapes (a submission's notices, one per
 * member of the organisation): each shape is its own statement. Parameters are bound as usual. On
 * the embedded database there are no named statements and it runs as any other statement.
 */
export async function executeNamed<Row>(on: Db | Tx, statement: SQL): Promise<{ rows: Row[] }> {
  const session = (on as unknown as { session: Session }).session;
  const query = session.dialect.sqlToQuery(statement);
  return (await session.prepareQuery(query, undefined, statementName(query.sql), false).execute()) as { rows: Row[] };
}

export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    // a bound on what the process remembers; a forgotten text is named the same again
    if (names.size >= MAX_NAMES) names.clear();
    name = `sg_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}
