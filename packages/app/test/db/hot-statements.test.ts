import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestContext } from '../support/test-context.ts';
import { countQueries } from '../support/query-counter.ts';
import { preparedOnce } from '../../src/db/prepared-once.ts';
import { namedTemplate } from '../../src/db/named-statement.ts';

const plusHundred = namedTemplate<{ n: number }, { n: number }>(() => sql`select ${sql.placeholder('n')}::int + 100 as n`);
import { isEmbedded } from '../../src/db/connect.ts';
import { programs } from '../../src/db/schema/index.ts';

// Issue 19 item 1: the submission's statements are built once and named; they must still run in the
// caller's transaction, on its connection, and be counted like every other statement.
let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
}, 120_000);
afterAll(() => t.dispose());

const programNamed = preparedOnce((db) =>
  db
    .select({ slug: programs.slug })
    .from(programs)
    .where(eq(programs.slug, sql.placeholder('slug')))
    .prepare('test_program_named'),
);

describe('statements built once', () => {
  it('a statement built on the pool and then run in a transaction that rolls back leaves nothing behind', async () => {
    const { db } = t.ctx;
    // built first on the pool, then used inside a transaction: it must not run on another connection
    expect(await programNamed(db).execute({ slug: 'specialized-fm' })).toEqual([{ slug: 'specialized-fm' }]);
    const seen = await db
      .transaction(async (tx) => {
        await tx.execute(sql`update programs set slug = 'renamed-in-tx' where slug = 'specialized-fm'`);
        const inside = await programNamed(tx).execute({ slug: 'renamed-in-tx' });
        tx.rollback();
        return inside;
      })
      .catch((e: Error) => (e.message.includes('Rollback') ? 'rolled back' : Promise.reject(e)));
    expect(seen).toBe('rolled back');
    // and nothing of it stayed
    expect(await programNamed(db).execute({ slug: 'renamed-in-tx' })).toEqual([]);
  });

  it('inside the transaction it reads the transaction’s own rows', async () => {
    const { db } = t.ctx;
    const inside = await db.transaction(async (tx) => {
      await tx.execute(sql`update programs set slug = 'renamed-in-tx-2' where slug = 'specialized-fm'`);
      const rows = await programNamed(tx).execute({ slug: 'renamed-in-tx-2' });
      await tx.execute(sql`update programs set slug = 'specialized-fm' where slug = 'renamed-in-tx-2'`);
      return rows;
    });
    expect(inside).toEqual([{ slug: 'renamed-in-tx-2' }]);
  });

  it('both kinds are counted by the session’s logger, on the pool and in a transaction', async () => {
    const { db } = t.ctx;
    const counter = countQueries(db);
    counter.reset();
    await programNamed(db).execute({ slug: 'specialized-fm' });
    await plusHundred.run(db, { n: 1 });
    expect(counter.count).toBe(2);
    counter.reset();
    await db.transaction(async (tx) => {
      await programNamed(tx).execute({ slug: 'specialized-fm' });
      await plusHundred.run(tx, { n: 1 });
    });
    // begin and commit are counted too on node-postgres (PGlite sends them past the logger)
    expect(counter.count).toBe(isEmbedded(db) ? 2 : 4);
  });

  it('a named statement is parsed once per connection and answers each call with its own values', async () => {
    const { db } = t.ctx;
    const answers = await db.transaction(async (tx) => {
      const out: number[] = [];
      for (const n of [1, 2, 3]) out.push(Number((await plusHundred.run(tx, { n })).rows[0]!.n));
      const prepared = isEmbedded(tx)
        ? undefined
        : Number(
            (
              (await tx.execute(sql`select count(*)::int as c from pg_prepared_statements where statement like 'select $1::int + 100 as n%'`)) as unknown as {
                rows: { c: number }[];
              }
            ).rows[0]!.c,
          );
      return { out, prepared };
    });
    expect(answers.out).toEqual([101, 102, 103]);
    if (!isEmbedded(db)) expect(answers.prepared).toBe(1);
  });
});
