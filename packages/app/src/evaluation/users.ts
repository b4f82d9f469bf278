import { eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { user } from '../db/schema/index.ts';
import { isRole, type Actor } from '../auth/actor.ts';

/** The account a job acts for (its creator), so the audit row names the person who asked. */
export async function getUser(db: Db, id: string): Promise<Actor | null> {
  const [u] = await db.select().from(user).where(eq(user.id, id));
  if (!u || !isRole(u.role)) return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}
