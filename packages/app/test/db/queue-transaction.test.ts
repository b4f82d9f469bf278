import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext } from '../support/test-context.ts';
import { queueTransaction } from '../../src/db/queue-transaction.ts';
import { isEmbedded } from '../../src/db/connect.ts';
import { namedTemplate } from '../../src/db/named-statement.ts';

const insertProbe = namedTemplate<never, { id: number; note: string }>(
  () => sql`insert into queue_probe values (${sql.placeholder('id')}, ${sql.placeholder('note')})`,
);

// Issue 19 item 1: the submission's transaction sends its last write with the commit; it must still
// be all-or-nothing, and leave its connection as it found it.
let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
  await t.ctx.db.execute(sql`create table queue_probe (id int primary key, note text not null)`);
}, 120_000);
afterAll(() => t.dispose());

const notes = async () =>
  ((await t.ctx.db.execute(sql`select id, note from queue_probe order by id`)) as unknown as { rows: { id: number; note: string }[] }).rows;

describe('queueTransaction', () => {
  it('the last write commits with everything written before it', async () => {
    const result = await queueTransaction(t.ctx.db, async (tx, lastWrite) => {
      await tx.execute(sql`insert into queue_probe values (1, 'first')`);
      await lastWrite(insertProbe.fill(tx, { id: 2, note: 'last' }));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await notes()).toEqual([
      { id: 1, note: 'first' },
      { id: 2, note: 'last' },
    ]);
  });

  it('a last write that fails leaves nothing of the transaction and throws its own error', async () => {
    await expect(
      queueTransaction(t.ctx.db, async (tx, lastWrite) => {
        await tx.execute(sql`insert into queue_probe values (3, 'kept only if all of it is')`);
        await lastWrite(insertProbe.fill(tx, { id: 1, note: 'duplicate key' }));
      }),
    ).rejects.toThrow(/duplicate key|unique/);
    expect((await notes()).map((n) => n.id)).toEqual([1, 2]);
    // the connections are usable afterwards: a pool of them, each asked
    for (let i = 0; i < 10; i++) expect(await queueTransaction(t.ctx.db, async () => i)).toBe(i);
  });

  it('a body that returns without a last write commits; one that throws rolls back', async () => {
    await queueTransaction(t.ctx.db, async (tx) => {
      await tx.execute(sql`insert into queue_probe values (4, 'no last write')`);
    });
    await expect(
      queueTransaction(t.ctx.db, async (tx) => {
        await tx.execute(sql`insert into queue_probe values (5, 'thrown away')`);
        throw new Error('the body refused');
      }),
    ).rejects.toThrow('the body refused');
    expect((await notes()).map((n) => n.id)).toEqual([1, 2, 4]);
  });

  it('its generic plans stay inside it (PostgreSQL)', async () => {
    if (isEmbedded(t.ctx.db)) return;
    const setting = async (on: Parameters<Parameters<typeof queueTransaction>[1]>[0] | typeof t.ctx.db) =>
      ((await on.execute(sql`select current_setting('plan_cache_mode') as mode`)) as unknown as { rows: { mode: string }[] }).rows[0]!.mode;
    expect(await queueTransaction(t.ctx.db, (tx) => setting(tx))).toBe('force_generic_plan');
    const after = await Promise.all(Array.from({ length: 10 }, () => setting(t.ctx.db)));
    expect(new Set(after)).toEqual(new Set(['auto']));
  });

  it('a body whose first statement fails rolls back, and the connection serves the next one', async () => {
    const failed = await queueTransaction(t.ctx.db, async (tx) => {
      await tx.execute(sql`insert into queue_probe values (1, 'duplicate as the first statement')`);
    }).catch((error: Error) => error);
    expect(String((failed as Error & { cause?: unknown }).cause ?? failed)).toMatch(/duplicate key|unique/);
    for (let i = 0; i < 10; i++)
      await queueTransaction(t.ctx.db, async (tx, lastWrite) => {
        await tx.execute(sql`select 1`);
        if (i === 0) await lastWrite(insertProbe.fill(tx, { id: 6, note: 'after a failed first statement' }));
      });
    expect((await notes()).map((n) => n.id)).toEqual([1, 2, 4, 6]);
  });

  it('opens with its first statement and commits with its last write: two socket writes (PostgreSQL)', async () => {
    if (isEmbedded(t.ctx.db)) return;
    await queueTransaction(t.ctx.db, async (tx) => tx.execute(sql`select 1`)); // every pooled connection already open
    // every socket write of this process in the window: only this transaction's connection writes
    const socket = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
    const writes = (['_write', '_writev'] as const).map((method) => vi.spyOn(socket, method));
    try {
      await queueTransaction(t.ctx.db, async (tx, lastWrite) => {
        await tx.execute(sql`select count(*) from queue_probe`);
        await lastWrite(insertProbe.fill(tx, { id: 7, note: 'two writes' }));
      });
      expect(writes.reduce((n, w) => n + w.mock.calls.length, 0)).toBe(2);
    } finally {
      for (const w of writes) w.mockRestore();
    }
    expect((await notes()).map((n) => n.id)).toContain(7);
  });
});
