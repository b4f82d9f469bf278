import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { programs } from '../db/schema/index.ts';

/**
 * Reading programs, apart from program-store.ts (validation, allocations, audit): a read command
 * such as `stagegate programs list` loads this and not what changing a program needs.
 */
export type ProgramRow = typeof programs.$inferSelect;

export async function listPrograms(db: Db): Promise<ProgramRow[]> {
  return db.select().from(programs).orderBy(asc(programs.createdAt), asc(programs.slug));
}

export async function getProgram(db: Db | Tx, slug: string): Promise<ProgramRow | undefined> {
  const [row] = await db.select().from(programs).where(eq(programs.slug, slug));
  return row;
}
