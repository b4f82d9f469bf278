import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/cli/command-list.ts';
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
  it('lists every command file with its summary, and each loads a command with usage', async () => {
    const files = (await readdir(new URL('../src/cli/commands/', import.meta.url))).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
    expect(Object.keys(commands).sort()).toEqual(files.sort());
    const c = capture();
    await main(['--help'], c.io);
    for (const name of files) {
      expect(c.out.join('\n')).toContain(`${name.replace('-', ' ')}`);
      const { command } = await commands[name]!.load();
      expect(command.usage, name).toMatch(/stagegate /);
    }
  });
});
