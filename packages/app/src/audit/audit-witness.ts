import { open, readFile, rename } from 'node:fs/promises';

/**
 * The last audit head this process saw committed, kept outside the database (a file in the data
 * folder) and signed with the audit key. The log must still reach this head: deleting the newest
 * rows, or truncating both audit tables, shows up even though nothing inside the database says so.
 * With several processes on one PostgreSQL each keeps its own: each is a lower bound on the log.
 */
export interface WitnessedHead {
  seq: number;
  hash: string;
  keyedFrom: number;
  /** ISO time of the checkpoint, for the message when the log falls short of it */
  at: string;
  mac: string;
}

export interface AuditWitness {
  /** where it is kept, for messages */
  where: string;
  read(): Promise<WitnessedHead | null>;
  write(head: WitnessedHead): Promise<void>;
}

export function memoryWitness(): AuditWitness {
  let held: WitnessedHead | null = null;
  return {
    where: 'memory',
    read: async () => held,
    write: async (h) => {
      held = { ...h };
    },
  };
}

export function fileWitness(path: string): AuditWitness {
  return {
    where: path,
    async read() {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as WitnessedHead;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        // unreadable JSON: report it as a head that cannot be trusted rather than no head at all
        return { seq: -1, hash: '', keyedFrom: 1, at: '', mac: 'unreadable' };
      }
    },
    async write(h) {
      // write-then-rename, so a crash never leaves half a file
      const tmp = `${path}.${process.pid}.tmp`;
      const fh = await open(tmp, 'w', 0o600);
      await fh.writeFile(JSON.stringify(h) + '\n');
      await fh.sync();
      await fh.close();
      await rename(tmp, path);
    },
  };
}
