import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../packages/app/bin/stagegate.js', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A real `stagegate serve` on a fresh data folder with the demo data, as README's start command gives. */
export async function startStagegate(env: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void>; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sg-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, PORT: String(port), STAGEGATE_DATA: join(dataDir, 'data'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  // a cold start on a busy two-core machine (other test runs beside it) can take over a minute
  const deadline = Date.now() + 210_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`stagegate serve exited ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`stagegate serve did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
