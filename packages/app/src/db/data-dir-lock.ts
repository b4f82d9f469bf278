import { link, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one Postgres inside one process: two processes opening the same folder would corrupt
 * it (split brain, lost writes). The first process creates `lock.json` atomically (O_EXCL) with its
 * pid and start time; a second is refused. A lock left by a killed process is taken over — but only
 * when its pid is gone or now belongs to a process that started at another time (a reused pid).
 */
export class DataDirLockedError extends Error {}

interface LockRecord {
  pid: number;
  /** the kernel's start time of the process (clock ticks since boot, /proc/<pid>/stat field 22) */
  startTicks: string | null;
  startedAt: string;
  purpose: string;
}

const TAKEOVER_GUARD_STALE_MS = 30_000;
const MAX_ATTEMPTS = 5;

export async function lockDataDir(dataDir: string, purpose: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'lock.json');
  const mine: LockRecord = {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    purpose,
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await createExclusive(file, mine)) return release(file, mine);
    const held = await readLock(file);
    if (held === 'gone') continue; // released between our create and our read: try again
    if (held !== 'unreadable' && isSameProcess(held, mine)) return async () => undefined; // this process already holds it
    if (held !== 'unreadable' && isRunning(held)) {
      throw new DataDirLockedError(
        `the data folder ${dataDir} is in use by process ${held.pid} (${held.purpose}, started ${held.startedAt}); stop it first, or run Stagegate on PostgreSQL with DATABASE_URL so several processes can share the database`,
      );
    }
    await takeOverStale(file, held);
  }
  throw new DataDirLockedError(`could not take the lock on the data folder ${dataDir}: other processes keep taking it; try again`);
}

/** Written whole to a private file, then linked into place: link fails if the lock exists, and a
 * reader never sees a half-written lock. */
async function createExclusive(file: string, rec: LockRecord): Promise<boolean> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(rec), { mode: 0o600 });
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function readLock(file: string): Promise<LockRecord | 'gone' | 'unreadable'> {
  try {
    const rec = JSON.parse(await readFile(file, 'utf8')) as LockRecord;
    return Number.isInteger(rec.pid) && rec.pid > 0 ? rec : 'unreadable';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'unreadable'; // a process killed while writing it; such a lock is stale
  }
}

/**
 * Two processes may find the same stale lock at once; only the one that creates the guard file
 * removes it, after checking it is still the same stale lock, so nobody deletes a fresh lock.
 */
async function takeOverStale(file: string, stale: LockRecord | 'unreadable'): Promise<void> {
  const guard = `${file}.takeover`;
  const fh = await open(guard, 'wx', 0o600).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
    // a guard left by a process killed in the middle of a takeover
    const age = Date.now() - (await stat(guard).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > TAKEOVER_GUARD_STALE_MS) await rm(guard, { force: true });
    await new Promise((r) => setTimeout(r, 50));
    return null;
  });
  if (!fh) return;
  try {
    const now = await readLock(file);
    const unchanged =
      now === 'unreadable' ? stale === 'unreadable' : now !== 'gone' && stale !== 'unreadable' && now.pid === stale.pid && now.startTicks === stale.startTicks;
    if (unchanged) await rm(file, { force: true });
  } finally {
    await fh.close();
    await rm(guard, { force: true });
  }
}

function release(file: string, mine: LockRecord): () => Promise<void> {
  return async () => {
    const held = await readLock(file);
    if (held !== 'gone' && held !== 'unreadable' && isSameProcess(held, mine)) await rm(file, { force: true });
  };
}

function isSameProcess(a: LockRecord, b: LockRecord): boolean {
  return a.pid === b.pid && a.startTicks === b.startTicks;
}

/** Alive, and the same process that wrote the lock (not another one that reused its pid). */
function isRunning(held: LockRecord): boolean {
  try {
    process.kill(held.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = processStartTicks(held.pid);
  // where /proc is unavailable (macOS) liveness is all we can know
  return ticks === null || held.startTicks === null || ticks === held.startTicks;
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // fields after the name start at field 3
  } catch {
    return null;
  }
}
