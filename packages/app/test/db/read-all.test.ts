import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext } from '../support/test-context.ts';
import { readAll } from '../../src/db/read-all.ts';
import type { Db, Tx } from '../../src/db/connect.ts';

// Reads for one answer go side by side on the pool and one at a time on a transaction's connection
// (the test setup's guard fails any query sent while another runs on the same connection).
let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
}, 120_000);
afterAll(() => t.dispose());

const slowly = (on: Db | Tx, value: number) => async () =>
  ((await on.execute(sql`select ${value}::int as value, pg_sleep(0.02)`)) as unknown as { rows: { value: number }[] }).rows[0]!.value;

describe('readAll', () => {
  it('gives each read its own answer, in the order asked, inside a transaction', async () => {
    const answers = await t.ctx.db.transaction((tx) => readAll(tx, [slowly(tx, 1), slowly(tx, 2), slowly(tx, 3)]));
    expect(answers).toEqual([1, 2, 3]);
  });

  it('does the same on the pool', async () => {
    expect(await readAll(t.ctx.db, [slowly(t.ctx.db, 4), slowly(t.ctx.db, 5)])).toEqual([4, 5]);
  });

  it('starts no read before its turn in a transaction', async () => {
    const started: number[] = [];
    const read = (tx: Tx, n: number) => async () => {
      started.push(n);
      const value = await slowly(tx, n)();
      started.push(-n);
      return value;
    };
    await t.ctx.db.transaction((tx) => readAll(tx, [read(tx, 1), read(tx, 2)]));
    expect(started).toEqual([1, -1, 2, -2]);
  });
});
