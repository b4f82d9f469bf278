import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from './db/connect.ts';
import { auditHead, instanceSettings } from './db/schema/index.ts';
import { bindAuditKeyring, loadAuditKeyring, type AuditKeyring } from './audit/audit-key.ts';
import { checkpointAudit } from './audit/audit-verify.ts';
import { createAuth, type Auth } from './auth/auth.ts';
import { createPasswordHasher } from './auth/password-hasher.ts';
import { trustedOrigins } from './http/guards/origin-check.ts';
import { configureResultSigning } from './results-bundle/signing-key.ts';

/** Everything a request, a job or a CLI command needs; no module-level state decides anything. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  auth: Auth;
  audit: AuditKeyring;
  close(): Promise<void>;
}

/** The session secret is shared by every app process through the database unless set in the env. */
async function instanceSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  await db
    .insert(instanceSettings)
    .values({ key: 'auth-secret', value: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'auth-secret'));
  return row!.value;
}

export async function createContext(config: Config, opts: { migrate?: boolean } = {}): Promise<AppContext> {
  configureResultSigning(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  if (opts.migrate !== false) await migrateDatabase(database);
  const secret = await instanceSecret(database.db, config.secret);
  const audit = await openAuditKeyring(database, config);
  const hasher = createPasswordHasher();
  const auth = createAuth(database.db, { secret, baseURL: config.publicUrl, trustedOrigins: trustedOrigins(config), hasher });
  // the head outside the database follows the committed log every few seconds and at close
  const timer = setInterval(() => void checkpointAudit(database.db).catch(() => undefined), AUDIT_CHECKPOINT_MS);
  timer.unref();
  const close = async () => {
    clearInterval(timer);
    await checkpointAudit(database.db).catch(() => undefined);
    await hasher.close();
    await database.close();
  };
  return { config, database, db: database.db, auth, audit, close };
}

const AUDIT_CHECKPOINT_MS = 5_000;

async function openAuditKeyring(database: Database, config: Config): Promise<AuditKeyring> {
  const keyring = await loadAuditKeyring(config);
  const [head] = await database.db.select({ keyId: auditHead.keyId }).from(auditHead).where(eq(auditHead.id, 'head'));
  if (head?.keyId && head.keyId !== keyring.keyId) {
    await database.close();
    throw new Error(
      `the audit log was signed with another key (key id ${head.keyId}; this process has ${keyring.keyId} from ${keyring.source}). ` +
        'Give this process the same key: the same STAGEGATE_AUDIT_KEY (or STAGEGATE_SECRET on PostgreSQL), or the original audit.key file in the data folder',
    );
  }
  bindAuditKeyring(database.db, keyring);
  return keyring;
}
