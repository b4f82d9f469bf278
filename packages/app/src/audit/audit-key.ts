import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db, Tx } from '../db/connect.ts';
import { fileWitness, memoryWitness, type AuditWitness } from './audit-witness.ts';

/**
 * The key that signs the audit chain. It never goes into a database row, so someone who can write
 * to the database (but not read the app's environment or data folder) cannot recompute the chain.
 */
export interface AuditKeyring {
  key: Buffer;
  /** a short fingerprint stored beside the head, so a process with a different key is noticed */
  keyId: string;
  /** where the key came from, for the start-up log and `audit verify` */
  source: 'STAGEGATE_AUDIT_KEY' | 'key file' | 'STAGEGATE_SECRET' | 'ephemeral';
  /** the signed head kept outside the audit tables */
  witness: AuditWitness;
}

export interface AuditKeyConfig {
  dataDir: string;
  databaseUrl?: string;
  secret?: string;
  auditKey?: string;
}

const KEY_FILE = 'audit.key';

function derive(material: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(material, 'utf8'), Buffer.alloc(0), `stagegate audit chain v1 ${label}`, 32));
}

export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('stagegate audit key id').digest('hex').slice(0, 16);
}

/**
 * Order: STAGEGATE_AUDIT_KEY; on the embedded database the 0600 file `audit.key` in the data folder
 * (made on first start); on PostgreSQL a key derived from STAGEGATE_SECRET (every app process has
 * it), else that process's key file — a second process with another key is refused at start-up.
 */
export async function loadAuditKeyring(config: AuditKeyConfig): Promise<AuditKeyring> {
  const inMemory = !config.databaseUrl && config.dataDir.startsWith('memory://');
  // a process with no data folder (memory://, also beside a PostgreSQL server in tests) keeps its witness in memory
  const witness = config.dataDir.startsWith('memory://') ? memoryWitness() : fileWitness(join(config.dataDir, 'audit-head.json'));
  let key: Buffer;
  let source: AuditKeyring['source'];
  if (config.auditKey) {
    key = derive(config.auditKey, 'env');
    source = 'STAGEGATE_AUDIT_KEY';
  } else if (config.databaseUrl && config.secret) {
    key = derive(config.secret, 'secret');
    source = 'STAGEGATE_SECRET';
  } else if (inMemory) {
    // a throw-away database: the key lives as long as the database does
    key = config.secret ? derive(config.secret, 'secret') : randomBytes(32);
    source = config.secret ? 'STAGEGATE_SECRET' : 'ephemeral';
  } else {
    key = await keyFile(join(config.dataDir, KEY_FILE));
    source = 'key file';
  }
  return { key, keyId: keyIdOf(key), source, witness };
}

async function keyFile(path: string): Promise<Buffer> {
  try {
    // O_EXCL: two processes starting at once cannot both create (and disagree on) the key
    const fh = await open(path, 'wx', 0o600);
    const key = randomBytes(32);
    await fh.writeFile(key.toString('hex') + '\n');
    await fh.sync();
    await fh.close();
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const mode = (await stat(path)).mode & 0o777;
  if (mode & 0o077) await chmod(path, 0o600); // readable by others means forgeable by others
  const hex = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`the audit key file ${path} is damaged (expected 64 hex digits); restore it from a backup`);
  return Buffer.from(hex, 'hex');
}

// The key reaches appendAudit through the transaction it is given (90 call sites pass only `tx`).
// Drizzle gives a transaction the dialect object of the database it came from, so the dialect is
// the one thing both share; a WeakMap keeps the key out of any row and out of module-wide state.
const keyrings = new WeakMap<object, AuditKeyring>();

function dialectOf(db: Db | Tx): object {
  const d = (db as unknown as { dialect?: object }).dialect;
  if (!d) throw new Error('audit: this database handle has no dialect (not a Drizzle pg database)');
  return d;
}

export function bindAuditKeyring(db: Db, keyring: AuditKeyring): void {
  keyrings.set(dialectOf(db), keyring);
}

export function auditKeyringOf(db: Db | Tx): AuditKeyring {
  const k = keyrings.get(dialectOf(db));
  if (!k) throw new Error('audit: no audit key is bound to this database; open it through createContext');
  return k;
}
