import { describe, expect, it } from 'vitest';
import { readBatch } from '../../src/db/read-batch.ts';

/** A store read by key, recording each statement's keys. */
function store(rows: Record<string, string>, fail?: (keys: string[]) => boolean) {
  const reads: string[][] = [];
  const read = readBatch<string>(
    async (keys) => {
      reads.push(keys);
      if (fail?.(keys)) throw new Error(`read of ${keys.join(',')} failed`);
      return new Map(keys.filter((k) => k in rows).map((k) => [k, rows[k]!]));
    },
    { max: 3 },
  );
  return { read, reads };
}

describe('readBatch', () => {
  it('keys asked for in one turn are read together, each caller getting its own row or nothing', async () => {
    const { read, reads } = store({ a: 'A', b: 'B', c: 'C' });
    expect(await Promise.all([read('a'), read('b'), read('missing'), read('a')])).toEqual(['A', 'B', undefined, 'A']);
    expect(reads).toEqual([['a', 'b', 'missing']]);
  });

  it('a later turn reads again (nothing is kept)', async () => {
    const rows: Record<string, string> = { a: 'A' };
    const { read, reads } = store(rows);
    expect(await read('a')).toBe('A');
    delete rows.a;
    expect(await read('a')).toBeUndefined();
    expect(reads).toEqual([['a'], ['a']]);
  });

  it('more keys than one read holds take more reads; a failed read fails only its own callers', async () => {
    const { read, reads } = store({ a: 'A', b: 'B', c: 'C', d: 'D', e: 'E' }, (keys) => keys.includes('d'));
    const answers = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map(read));
    expect(reads).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(answers.slice(0, 3)).toEqual(['A', 'B', 'C'].map((value) => ({ status: 'fulfilled', value })));
    expect(answers.slice(3).map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });
});
