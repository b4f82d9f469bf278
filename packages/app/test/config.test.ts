import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('configuration from the environment', () => {
  it('takes the defaults for what is unset', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './.stagegate', dbPoolSize: undefined, demo: true, logLevel: 'info' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.mailFrom).toBe('Stagegate <no-reply@localhost>');
  });

  it('reads numbers, choices and addresses, an empty DATABASE_URL or STAGEGATE_SMTP_URL counting as unset', () => {
    const c = loadConfig({
      PORT: '4310',
      STAGEGATE_DB_POOL: '8',
      STAGEGATE_DEMO: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
      STAGEGATE_SMTP_URL: '',
      STAGEGATE_PUBLIC_URL: 'https://stagegate.example.org',
    });
    expect(c).toMatchObject({ port: 4310, dbPoolSize: 8, demo: false, logLevel: 'silent', publicUrl: 'https://stagegate.example.org' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.smtpUrl).toBeUndefined();
    expect(c.mailFrom).toBe('Stagegate <no-reply@stagegate.example.org>');
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/sg' }).databaseUrl).toBe('postgres://u:p@db:5432/sg');
  });

  it.each([
    [{ PORT: '0' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ PORT: 'http' }, 'PORT'],
    [{ HOST: '' }, 'HOST'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ STAGEGATE_SECRET: 'short' }, 'STAGEGATE_SECRET'],
    [{ STAGEGATE_DB_POOL: '501' }, 'STAGEGATE_DB_POOL'],
    [{ STAGEGATE_DEMO: 'yes' }, 'STAGEGATE_DEMO'],
    [{ STAGEGATE_SMTP_URL: 'mail.example.org' }, 'STAGEGATE_SMTP_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %o naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^environment variable ${name}: `));
  });
});
