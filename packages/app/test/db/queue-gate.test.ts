import { describe, expect, it } from 'vitest';
import { queueGate } from '../../src/db/queue-gate.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('queueGate', () => {
  it('lets at most the limit in at once and the rest in arrival order', async () => {
    const gate = queueGate(2);
    let inside = 0;
    let most = 0;
    const entered: number[] = [];
    const releases: (() => void)[] = [];
    const runs = [0, 1, 2, 3, 4].map((i) =>
      gate(async () => {
        entered.push(i);
        most = Math.max(most, ++inside);
        await new Promise<void>((r) => releases.push(r));
        inside--;
        return i;
      }),
    );
    await tick();
    expect(entered).toEqual([0, 1]);
    releases.shift()!();
    await tick();
    expect(entered).toEqual([0, 1, 2]);
    while (entered.length < 5 || releases.length) {
      releases.shift()?.();
      await tick();
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(entered).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('a failing caller gives its place to the next and its error to its own caller', async () => {
    const gate = queueGate(1);
    const failed = gate(async () => {
      throw new Error('refused');
    });
    const next = gate(async () => 'next ran');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('next ran');
    // and the gate is open again
    expect(await gate(async () => 'again')).toBe('again');
  });
});
