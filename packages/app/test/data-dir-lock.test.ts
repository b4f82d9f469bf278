import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processStartTicks } from '../src/db/data-dir-lock.ts';

const holder = join(import.meta.dirname, 'support', 'hold-data-dir.ts');
const cli = join(import.meta.dirname, '..', 'bin', 'stagegate.js');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Starts a holder and resolves with its first line of output. */
function hold(dir: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, line: out.trim() });
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${out}`)));
  });
}

describe('issue 12 item 10: one writer per data folder', () => {
  it('refuses a second process with a clear message and no stack trace, and takes over the lock of a killed one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-lock-'));
    dirs.push(dir);
    const first = await hold(dir);
    expect(first.line).toBe(`locked ${first.child.pid}`);
    const lock = JSON.parse(await readFile(join(dir, 'lock.json'), 'utf8'));
    expect(lock).toMatchObject({ pid: first.child.pid, startTicks: processStartTicks(first.child.pid!), purpose: 'lock test holder' });

    // the real CLI as the second process
    const second = spawnSync(process.execPath, [cli, 'audit', 'verify'], {
      env: { ...process.env, STAGEGATE_DATA: dir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(second.status).toBe(2);
    expect(second.stderr.trim()).toBe(
      `error: the data folder ${dir} is in use by process ${first.child.pid} (lock test holder, started ${lock.startedAt}); stop it first, or run Stagegate on PostgreSQL with DATABASE_URL so several processes can share the database`,
    );
    expect(second.stderr).not.toMatch(/\n\s+at /);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const third = await hold(dir); // the lock file is still there, its process is not
    expect(third.line).toBe(`locked ${third.child.pid}`);
    expect(JSON.parse(await readFile(join(dir, 'lock.json'), 'utf8')).pid).toBe(third.child.pid);
  }, 180_000);

  it('takes over a lock whose pid was reused by another process (same pid, other start time)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-lock-'));
    dirs.push(dir);
    // this test process is alive, but it is not the process that wrote this lock
    const real = processStartTicks(process.pid);
    expect(real).toMatch(/^\d+$/);
    await writeFile(
      join(dir, 'lock.json'),
      JSON.stringify({ pid: process.pid, startTicks: String(Number(real) - 1), startedAt: '2026-01-01T00:00:00.000Z', purpose: 'stagegate serve' }),
    );
    const taker = await hold(dir);
    expect(taker.line).toBe(`locked ${taker.child.pid}`);
  }, 120_000);

  it('lets exactly one of several processes started at once take the lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-lock-'));
    dirs.push(dir);
    const runs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve) => {
            const c = spawn(process.execPath, ['--import', 'tsx', holder, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
            children.push(c);
            let out = '';
            c.stdout!.on('data', (d) => {
              out += d;
              if (out.includes('\n')) resolve(out.trim());
            });
          }),
      ),
    );
    expect(runs.filter((l) => l.startsWith('locked'))).toHaveLength(1);
    expect(runs.filter((l) => l.startsWith('refused: the data folder'))).toHaveLength(3);
  }, 120_000);
});
