import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { seed } from '../src/seed/seed.ts';
import { getProgram, updateProgram } from '../src/programs/program-store.ts';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { user } from '../src/db/schema/index.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the embedded database across restarts', () => {
  it('keeps an edit, the accounts and the audit chain when started again on the same folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-restart-'));
    dirs.push(dir);
    const config = { ...loadConfig({}), dataDir: join(dir, 'data'), logLevel: 'silent' };

    const first = await createContext(config);
    await seed(first, { demo: false });
    const before = (await getProgram(first.db, 'k-ai'))!;
    const edited = structuredClone(before.definition);
    edited.gpuPools[0]!.gpuCount = 2048;
    const actor = { id: 'op', email: 'op@example.kr', name: 'op', role: 'operator' as const };
    expect((await updateProgram(first.db, actor, 'k-ai', edited, { expectedRevision: before.revision, mode: 'commit' })).status).toBe('committed');
    await first.db.insert(user).values({ id: 'u1', name: 'Kim', email: 'kim@example.kr' });
    await first.close();

    const second = await createContext(config);
    const report = await seed(second, { demo: false });
    expect(report.programs.every((p) => p.status === 'unchanged')).toBe(true);
    expect((await getProgram(second.db, 'k-ai'))!.definition.gpuPools[0]!.gpuCount).toBe(2048);
    expect((await second.db.select().from(user)).map((u) => u.email)).toContain('kim@example.kr');
    expect(await verifyAuditChain(second.db)).toMatchObject({ ok: true, rows: 3 });
    await second.close();
  }, 120_000);
});
