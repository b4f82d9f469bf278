import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshTestDatabase } from './support/test-context.ts';

const serverUrl = process.env.STAGEGATE_TEST_DATABASE_URL;
const cli = join(import.meta.dirname, '..', 'bin', 'stagegate.js');
const GIVE_UP_MS = 120_000;

// A server keeps its PostgreSQL connections open, and an open socket keeps a Node process alive
// unless it is let go: a start that fails must not say "error" and then never exit, or a supervisor
// waiting for it to die never starts it again.
describe.skipIf(!serverUrl)('a server whose start fails, on PostgreSQL', () => {
  it(
    'exits with an error naming the cause when its port is taken',
    async () => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as AddressInfo).port;
      const fresh = await freshTestDatabase(serverUrl!, 'sg_start_fail');
      const dir = await mkdtemp(join(tmpdir(), 'sg-start-fail-'));
      try {
        const child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], {
          env: {
            ...process.env,
            DATABASE_URL: fresh.url,
            STAGEGATE_DATA: dir,
            STAGEGATE_DEMO: '0',
            STAGEGATE_SECRET: 'start-fail-secret-start-fail-secret-00',
            HOST: '127.0.0.1',
            LOG_LEVEL: 'silent',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        const ended = await new Promise<{ code: number | null } | 'still running'>((resolve) => {
          const timer = setTimeout(() => resolve('still running'), GIVE_UP_MS);
          child.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code });
          });
        });
        if (ended === 'still running') child.kill('SIGKILL');
        expect(ended, `stderr: ${err}`).not.toBe('still running');
        expect((ended as { code: number | null }).code).not.toBe(0);
        expect(err).toMatch(/EADDRINUSE|address already in use/i);
      } finally {
        taken.close();
        await fresh.drop();
        await rm(dir, { recursive: true, force: true });
      }
    },
    GIVE_UP_MS + 60_000,
  );
});
