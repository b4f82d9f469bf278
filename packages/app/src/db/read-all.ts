import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './connect.ts';

type Read = () => PromiseLike<unknown>;
type Answers<R extends readonly Read[]> = { -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> };

/**
 * Several reads for one answer: side by side on the pool, where each takes its own connection, and
 * one after another in a transaction, whose single connection runs one query at a time
 * (node-postgres queues a query sent while another runs, with a deprecation warning, and refuses it
 * from pg 9 on). The reads are functions, so none starts before its turn.
 */
export async function readAll<R extends readonly Read[]>(on: Db | Tx, reads: readonly [...R]): Promise<Answers<R>> {
  if (!(on instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Answers<R>;
  const answers: unknown[] = [];
  for (const read of reads) answers.push(await read());
  return answers as Answers<R>;
}
