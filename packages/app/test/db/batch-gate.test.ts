import { describe, expect, it } from 'vitest';
import { batchGate } from '../../src/db/batch-gate.ts';

const tick = () => new Promise((r) => setImmediate(r));

/** A gate whose batches wait until released, recording what each batch held. */
function heldGate(limit: number, maxBatch: number, keyOf: (n: number) => string = String) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  let running = 0;
  let most = 0;
  const gate = batchGate<number, string>(limit, maxBatch, keyOf, async (items) => {
    batches.push(items);
    most = Math.max(most, ++running);
    await new Promise<void>((r) => releases.push(r));
    running--;
    return items.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`refused ${n}`) } : { status: 'fulfilled', value: `done ${n}` }));
  });
  const releaseAll = async () => {
    while (releases.length) {
      releases.shift()!();
      await tick();
    }
  };
  return { gate, batches, releases, releaseAll, most: () => most };
}

describe('batchGate', () => {
  it('a lone caller goes straight in; those arriving while the limit runs go together, in arrival order, up to the batch size', async () => {
    const { gate, batches, releases, releaseAll, most } = heldGate(2, 3);
    const first = gate(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4, 5, 6, 7].map((n) => gate(n));
    await tick();
    expect(batches).toEqual([[1], [2]]);
    releases.shift()!();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
    await releaseAll();
    expect(batches).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    expect(await first).toBe('done 1');
    expect(await Promise.all(rest)).toEqual(['done 2', 'done 3', 'done 4', 'done 5', 'done 6', 'done 7']);
    expect(most()).toBe(2);
  });

  it('two callers with the same key never share a batch', async () => {
    const { gate, batches, releases, releaseAll } = heldGate(1, 10, (n) => String(n % 10));
    const all = [1, 2, 11, 3, 12].map((n) => gate(n));
    await tick();
    releases.shift()!();
    await tick();
    await releaseAll();
    expect(batches).toEqual([[1], [2, 11, 3], [12]]);
    expect(await Promise.all(all)).toEqual(['done 1', 'done 2', 'done 11', 'done 3', 'done 12']);
  });

  it('a caller refused in a batch gets its own error; a batch that throws fails its callers and the gate goes on', async () => {
    const { gate, releaseAll } = heldGate(1, 10);
    const all = Promise.allSettled([gate(1), gate(-2), gate(3)]);
    await releaseAll();
    const settled = await all;
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('refused -2');

    let calls = 0;
    const failing = batchGate<number, number>(1, 10, String, async () => {
      if (calls++ === 0) throw new Error('the database went away');
      return [{ status: 'fulfilled', value: 42 }];
    });
    await expect(failing(1)).rejects.toThrow('the database went away');
    expect(await failing(2)).toBe(42);
  });
});
