import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runCli } from '../support/run-cli.ts';

describe('issue 12 item 13: defaults', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('refuses a review-assign load past the 32-bit range instead of wrapping around, with no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-defaults-'));
    try {
      const file = join(dir, 'instance.json');
      await writeFile(
        file,
        JSON.stringify({ proposals: [{ id: 'p1', reviews: 1 }], reviewers: [{ id: 'r1', maxLoad: 4294967297 }], affinity: [['p1', 'r1', 1]] }),
      );
      const res = await runCli(['review', 'assign', '--file', file]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/maxLoad/);
      expect(res.stderr).not.toMatch(/\n\s+at /);
      const flag = await runCli(['eval', 'run', '--concurrency', '1e300', '--endpoint', 'http://127.0.0.1:9', '--model', 'm', '--suite', file, '--out', dir]);
      expect(flag.code).toBe(2);
      expect(flag.stderr).toMatch(/--concurrency: expected a whole number from 1 to 256/);
      expect(flag.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
