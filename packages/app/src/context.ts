import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from './config.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from './db/connect.ts';
import { instanceSettings } from './db/schema/index.ts';
import { createAuth, type Auth } from './auth/auth.ts';
import { configureResultSigning } from './results-bundle/signing-key.ts';

/** Everything a request, a job or a CLI command needs; no module-level state decides anything. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  auth: Auth;
  close(): Promise<void>;
}

/** The session secret is shared by every app process through the database unless set in the env. */
async function instanceSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  await db.insert(instanceSettings).values({ key: 'auth-secret', value: randomBytes(32).toString('hex') }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'auth-secret'));
  return row!.value;
}

export async function createContext(config: Config, opts: { migrate?: boolean } = {}): Promise<AppContext> {
  configureResultSigning(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  if (opts.migrate !== false) await migrateDatabase(database);
  const secret = await instanceSecret(database.db, config.secret);
  const auth = createAuth(database.db, { secret, baseURL: config.publicUrl, trustedOrigins: [config.publicUrl, `http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`] });
  return { config, database, db: database.db, auth, close: () => database.close() };
}
