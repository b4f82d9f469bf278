import { and, asc, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { user } from '../db/schema/index.ts';
import { escapeLike } from '../db/like-pattern.ts';
import type { Role } from '../auth/actor.ts';

export interface AccountQuery {
  role: Role;
  q?: string;
  limit: number;
  offset: number;
}

/**
 * Accounts of one role for the office to seat on a panel or an arena: name and e-mail only, searched
 * by either, one bounded page at a time (a panel is picked from a few dozen, never the whole list).
 */
export async function listAccounts(db: Db, query: AccountQuery) {
  const text = query.q?.trim();
  const match = text ? or(ilike(user.name, `%${escapeLike(text)}%`), ilike(user.email, `%${escapeLike(text)}%`)) : undefined;
  const where = and(eq(user.role, query.role), match);
  // one row past the page says whether there is more, without counting the whole table
  const rows = await db
    .select({ name: user.name, email: user.email })
    .from(user)
    .where(where)
    .orderBy(asc(user.email))
    .limit(query.limit + 1)
    .offset(query.offset);
  return { accounts: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}
