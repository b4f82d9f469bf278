import { sql } from 'drizzle-orm';
import { seoulDay } from '@stagegate/core/usage/seoul-day';
import type { Db, Tx } from '../db/connect.ts';

/** The database's clock in Unix seconds (every app process agrees on it). */
export async function databaseUnixSeconds(db: Db | Tx): Promise<number> {
  const res = await db.execute(sql`select extract(epoch from now())::float8 as now`);
  return Math.floor(Number((res as unknown as { rows: { now: number | string }[] }).rows[0]!.now));
}

/** Today as a Seoul calendar day, by the database's clock. */
export async function seoulToday(db: Db | Tx): Promise<string> {
  return seoulDay(await databaseUnixSeconds(db));
}
