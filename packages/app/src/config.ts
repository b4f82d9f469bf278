import { z } from 'zod';
import { schedulerSettingsFrom, type SchedulerSettings } from './slurm-sync/scheduler-settings.ts';

const env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // loopback unless the operator decides to expose the server (behind a proxy, HOST=0.0.0.0)
  HOST: z.string().min(1).default('127.0.0.1'),
  STAGEGATE_DATA: z.string().default('./.stagegate'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STAGEGATE_SECRET: z.string().min(32).optional(),
  STAGEGATE_AUDIT_KEY: z.string().min(32).optional(),
  STAGEGATE_DB_POOL: z.coerce.number().int().min(1).max(500).default(20),
  STAGEGATE_PUBLIC_URL: z.string().url().optional(),
  STAGEGATE_DEMO: z.enum(['0', '1']).default('1'),
  STAGEGATE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STAGEGATE_MAIL_FROM: z.string().min(3).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STAGEGATE_SLURM_EMULATOR: z.string().optional(),
  STAGEGATE_SLURM_BIN_DIR: z.string().optional(),
  STAGEGATE_SLURM_PREFIX: z.string().optional(),
  STAGEGATE_SLURM_CLUSTER: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  secret?: string;
  /** signs the audit chain; see audit/audit-key.ts for where the key comes from when unset */
  auditKey?: string;
  /** PostgreSQL connections this process keeps (ignored on PGlite) */
  dbPoolSize?: number;
  publicUrl: string;
  demo: boolean;
  logLevel: string;
  /** which Slurm the sync service talks to (slurm-sync/scheduler.ts) */
  slurm: SchedulerSettings;
  /** the SMTP server mail is sent through; without it mail waits in the outbox */
  smtpUrl?: string;
  mailFrom: string;
}

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`environment variable ${String(i.path[0])}: ${i.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.STAGEGATE_DATA,
    databaseUrl: e.DATABASE_URL,
    secret: e.STAGEGATE_SECRET,
    auditKey: e.STAGEGATE_AUDIT_KEY,
    dbPoolSize: e.STAGEGATE_DB_POOL,
    publicUrl: e.STAGEGATE_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    demo: e.STAGEGATE_DEMO === '1',
    logLevel: e.LOG_LEVEL,
    slurm: schedulerSettingsFrom(e),
    smtpUrl: e.STAGEGATE_SMTP_URL,
    mailFrom: e.STAGEGATE_MAIL_FROM ?? `Stagegate <no-reply@${new URL(e.STAGEGATE_PUBLIC_URL ?? 'http://localhost').hostname}>`,
  };
}
