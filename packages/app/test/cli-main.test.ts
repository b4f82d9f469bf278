import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('stagegate CLI dispatch', () => {
  it('lists commands on --help', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('Usage: stagegate');
  });
  it('rejects an unknown command with exit 2 and a reason', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('\n')).toContain("unknown command 'frobnicate'");
  });
});
