import { sql } from 'drizzle-orm';
import { seoulDay } from '@stagegate/core/shared/seoul-time';
import type { Db, Tx } from './connect.ts';

/** The database's clock: deadlines are judged by it, so every app process agrees (never the browser's or ours). */
export async function databaseNow(db: Db | Tx): Promise<Date> {
  const res = await db.execute(sql`select now() as now`);
  const raw = (res as unknown as { rows: { now: Date | string }[] }).rows[0]!.now;
  return raw instanceof Date ? raw : new Date(raw);
}

/** The database's clock in Unix seconds. */
export async function databaseUnixSeconds(db: Db | Tx): Promise<number> {
  const res = await db.execute(sql`select extract(epoch from now())::float8 as now`);
  return Math.floor(Number((res as unknown as { rows: { now: number | string }[] }).rows[0]!.now));
}

/** Today as a Seoul calendar day, by the database's clock. */
export async function seoulToday(db: Db | Tx): Promise<string> {
  return seoulDay(await databaseUnixSeconds(db));
}
