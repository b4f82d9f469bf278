import { schedulerSettingsFrom, type SchedulerSettings } from './slurm-sync/scheduler-settings.ts';

/**
 * The environment variables, each read by a small rule. Plain functions rather than a zod schema:
 * every CLI command reads the configuration, and zod's 760 kB were a fifth of what a read command
 * loaded (bench/start-up/README.md).
 */
type Rule<T> = (value: string | undefined) => T;

class BadValue extends Error {}

const text =
  (min = 0): Rule<string | undefined> =>
  (v) => {
    if (v !== undefined && v.length < min) throw new BadValue(`must be at least ${min} characters long`);
    return v;
  };

const orElse =
  (fallback: string, rule: Rule<string | undefined>): Rule<string> =>
  (v) =>
    rule(v) ?? fallback;

const integer =
  (min: number, max: number, fallback: number): Rule<number> =>
  (v) =>
    optionalInteger(min, max)(v) ?? fallback;

const optionalInteger =
  (min: number, max: number): Rule<number | undefined> =>
  (v) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new BadValue(`must be a whole number from ${min} to ${max}`);
    return n;
  };

const oneOf =
  <T extends string>(values: readonly T[], fallback: T): Rule<T> =>
  (v) => {
    if (v === undefined) return fallback;
    if (!(values as readonly string[]).includes(v)) throw new BadValue(`must be one of ${values.join(', ')}`);
    return v as T;
  };

/** An address; `blankIsUnset`: an empty value counts as not set (DATABASE_URL= in a .env file). */
const address =
  (opts: { pattern?: RegExp; hint?: string; blankIsUnset?: boolean } = {}): Rule<string | undefined> =>
  (v) => {
    if (v === undefined || (opts.blankIsUnset && v === '')) return undefined;
    if (opts.pattern ? !opts.pattern.test(v) : !URL.canParse(v)) throw new BadValue(opts.hint ?? 'must be a URL');
    return v;
  };

const env = {
  PORT: integer(1, 65535, 3000),
  // loopback unless the operator decides to expose the server (behind a proxy, HOST=0.0.0.0)
  HOST: orElse('127.0.0.1', text(1)),
  STAGEGATE_DATA: orElse('./.stagegate', text()),
  DATABASE_URL: address({ blankIsUnset: true }),
  STAGEGATE_SECRET: text(32),
  STAGEGATE_AUDIT_KEY: text(32),
  // unset: sized for the machine's cores (db/connect.ts, defaultPoolSize)
  STAGEGATE_DB_POOL: optionalInteger(1, 500),
  STAGEGATE_PUBLIC_URL: address(),
  STAGEGATE_DEMO: oneOf(['0', '1'], '1'),
  STAGEGATE_SMTP_URL: address({ pattern: /^smtps?:\/\//, hint: 'must start with smtp:// or smtps://', blankIsUnset: true }),
  STAGEGATE_MAIL_FROM: text(3),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  STAGEGATE_SLURM_EMULATOR: text(),
  STAGEGATE_SLURM_BIN_DIR: text(),
  STAGEGATE_SLURM_PREFIX: text(),
  STAGEGATE_SLURM_CLUSTER: text(),
};

type Env = { [K in keyof typeof env]: ReturnType<(typeof env)[K]> };

function readEnv(source: NodeJS.ProcessEnv): Env {
  const out: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(env)) {
    try {
      out[name] = rule(source[name]);
    } catch (e) {
      if (e instanceof BadValue) throw new Error(`environment variable ${name}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  return out as Env;
}

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
  const e = readEnv(source);
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
