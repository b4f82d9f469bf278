import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from './db/connect.ts';
import { auditHead, instanceSettings } from './db/schema/index.ts';
import { bindAuditKeyring, loadAuditKeyring, type AuditKeyring } from './audit/audit-key.ts';
import { checkpointAudit } from './audit/audit-verify.ts';
import type { Auth } from './auth/auth.ts';
import type { PasswordHasher } from './auth/password-hasher.ts';
import { configureResultSigning } from './results-bundle/signing-key.ts';

/** Everything a request, a job or a CLI command needs; no module-level state decides anything. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  auth: Auth;
  audit: AuditKeyring;
  /**
   * Runs fn with sign-ups of the same password storing one hash (one scrypt, ≈ 0.25 s of CPU, per
   * password instead of per account): only for the demo accounts, whose shared password is published
   * in README, and only where no real sign-up can run meanwhile (seeding before the server listens,
   * the `seed` command). The hash keeps its full cost; the accounts' hashes are merely equal.
   */
  sharingPasswordHashes<T>(fn: () => Promise<T>): Promise<T>;
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

interface ContextOptions {
  migrate?: boolean;
  /**
   * false: no sign-in service (better-auth and the password hasher are not even loaded), for CLI
   * commands that act as no signed-in user; `ctx.auth` then throws. The server and the worker keep it.
   */
  auth?: boolean;
  /** a CLI command: the database is opened for one command (DatabaseOptions.oneShot) */
  oneShot?: boolean;
}

export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  configureResultSigning(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, oneShot: opts.oneShot });
  const { audit, signIn } = await prepareServices(database, config, opts).catch(async (error: unknown) => {
    // a server's pool keeps its connections, which would keep this process alive after the failure
    await database.close().catch(() => undefined);
    throw error;
  });
  // the head outside the database follows the committed log every few seconds and at close
  const timer = setInterval(() => void checkpointAudit(database.db).catch(() => undefined), AUDIT_CHECKPOINT_MS);
  timer.unref();
  const close = async () => {
    clearInterval(timer);
    await checkpointAudit(database.db).catch(() => undefined);
    await signIn?.hasher.close();
    await database.close();
  };
  return {
    config,
    database,
    db: database.db,
    get auth(): Auth {
      if (!signIn) throw new Error('this command was started without the sign-in service (createContext with auth: false)');
      return signIn.auth;
    },
    audit,
    sharingPasswordHashes: (fn) => (signIn ? signIn.sharing(fn) : fn()),
    close,
  };
}

/** On an open database: its migrations, the instance's secret, the audit keyring and sign-in. */
async function prepareServices(database: Database, config: Config, opts: ContextOptions) {
  if (opts.migrate !== false) await migrateDatabase(database);
  const secret = await instanceSecret(database.db, config.secret);
  const audit = await openAuditKeyring(database, config);
  const signIn = opts.auth === false ? undefined : await createSignIn(database.db, config, secret);
  return { audit, signIn };
}

async function createSignIn(db: Db, config: Config, secret: string) {
  const [{ createAuth }, { createPasswordHasher }, { trustedOrigins }] = await Promise.all([
    import('./auth/auth.ts'),
    import('./auth/password-hasher.ts'),
    import('./http/guards/origin-check.ts'),
  ]);
  const hasher = createPasswordHasher();
  let shared: Map<string, Promise<string>> | undefined;
  const hashOnce: PasswordHasher = {
    ...hasher,
    hash(password) {
      if (!shared) return hasher.hash(password);
      let hash = shared.get(password);
      if (!hash) shared.set(password, (hash = hasher.hash(password)));
      return hash;
    },
  };
  const sharing = async <T>(fn: () => Promise<T>): Promise<T> => {
    shared = new Map();
    try {
      return await fn();
    } finally {
      shared = undefined;
    }
  };
  return { hasher, sharing, auth: createAuth(db, { secret, baseURL: config.publicUrl, trustedOrigins: trustedOrigins(config), hasher: hashOnce }) };
}

const AUDIT_CHECKPOINT_MS = 5_000;

async function openAuditKeyring(database: Database, config: Config): Promise<AuditKeyring> {
  const keyring = await loadAuditKeyring(config);
  const [head] = await database.db.select({ keyId: auditHead.keyId }).from(auditHead).where(eq(auditHead.id, 'head'));
  if (head?.keyId && head.keyId !== keyring.keyId) {
    throw new Error(
      `the audit log was signed with another key (key id ${head.keyId}; this process has ${keyring.keyId} from ${keyring.source}). ` +
        'Give this process the same key: the same STAGEGATE_AUDIT_KEY (or STAGEGATE_SECRET on PostgreSQL), or the original audit.key file in the data folder',
    );
  }
  bindAuditKeyring(database.db, keyring);
  return keyring;
}
