import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';

/** The database's clock: deadlines are judged by it, so every app process agrees (never the browser's or ours). */
export async function databaseNow(db: Db | Tx): Promise<Date> {
  const res = await db.execute(sql`select now() as now`);
  const raw = (res as unknown as { rows: { now: Date | string }[] }).rows[0]!.now;
  return raw instanceof Date ? raw : new Date(raw);
}
