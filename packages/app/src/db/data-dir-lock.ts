import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * PGlite is one Postgres inside one process: two processes opening the same folder would corrupt
 * it. The first takes a pid file; a second is refused with a clear message (a stale file from a
 * crashed process is taken over).
 */
export async function lockDataDir(dataDir: string, purpose: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'lock.json');
  try {
    const held = JSON.parse(await readFile(file, 'utf8')) as { pid: number; purpose: string };
    if (held.pid !== process.pid && isAlive(held.pid)) {
      throw new Error(`the data folder ${dataDir} is in use by process ${held.pid} (${held.purpose}); stop it first, or run Stagegate on PostgreSQL with DATABASE_URL so several processes can share the database`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
  }
  await writeFile(file, JSON.stringify({ pid: process.pid, purpose }));
  return async () => {
    await rm(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
