import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { seed } from '../src/seed/seed.ts';
import { verifyAuditChain } from '../src/audit/audit-log.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('issue 12 item 9: the audit key and the signed head live outside the database', () => {
  it('keeps the key in a 0600 file in the data folder, signs the head there at close, and refuses a process with another key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-audit-key-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const config = { ...loadConfig({}), dataDir, logLevel: 'silent' };

    const first = await createContext(config);
    expect(first.audit.source).toBe('key file');
    await seed(first, { demo: false });
    await first.close();

    const keyFile = join(dataDir, 'audit.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const witness = JSON.parse(await readFile(join(dataDir, 'audit-head.json'), 'utf8'));
    expect(witness).toMatchObject({ seq: 2, keyedFrom: 1, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await stat(join(dataDir, 'audit-head.json'))).mode & 0o777).toBe(0o600);

    await expect(createContext({ ...config, auditKey: 'another-key-another-key-another-key-0' })).rejects.toThrow(
      /the audit log was signed with another key \(key id [0-9a-f]{16}; this process has [0-9a-f]{16} from STAGEGATE_AUDIT_KEY\)/,
    );

    const again = await createContext(config);
    expect(await verifyAuditChain(again.db)).toMatchObject({ ok: true, rows: 2, keySource: 'key file', witness: { seq: 2 } });
    await again.close();
  }, 180_000);
});
