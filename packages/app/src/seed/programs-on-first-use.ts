import { programs } from '../db/schema/index.ts';
import type { AppContext } from '../context.ts';

/**
 * A CLI command on a fresh data folder (or an empty PostgreSQL) sees the shipped programs, as the
 * server would after its first start; a database that already has programs is not touched. The
 * seeding code (program validation, allocations, the audit log) loads only when it is needed.
 */
export async function seedProgramsOnFirstUse(ctx: AppContext): Promise<void> {
  const hasPrograms = async () => (await ctx.db.select({ slug: programs.slug }).from(programs).limit(1)).length > 0;
  if (await hasPrograms()) return;
  const { seedPrograms } = await import('./seed-programs.ts');
  await ctx.database.exclusive(async () => {
    if (!(await hasPrograms())) await seedPrograms(ctx);
  });
}
