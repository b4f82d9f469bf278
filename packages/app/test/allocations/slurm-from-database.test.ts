import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { auditLog } from '../../src/db/schema/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'sg-slurm-db-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('slurm plan/apply without --desired read the allocations from the database', () => {
  it('plans an account and QOS per demo task with its members, applies them, and then has nothing left to do', async () => {
    process.env.STAGEGATE_DATA = join(dir, 'data');
    process.env.LOG_LEVEL = 'silent';
    expect((await run('seed')).code).toBe(0);
    const emulator = join(dir, 'cluster.json');

    const plan = await run('slurm', 'plan', '--emulator', emulator, '--cluster', 'nacc', '--json');
    expect(plan.code, plan.err).toBe(0);
    const steps = JSON.parse(plan.out).steps as { kind: string; argv: string[] }[];
    const argv = steps.map((s) => s.argv.join(' '));
    expect(argv.some((a) => a.includes('sg-specialized-fm-sfm-01') && a.includes('qos'))).toBe(true);
    expect(argv.some((a) => a.includes('user') && a.includes('medi01') && a.includes('sg-specialized-fm-sfm-01'))).toBe(true);

    const apply = await run('slurm', 'apply', '--emulator', emulator, '--cluster', 'nacc', '--yes');
    expect(apply.code, apply.err).toBe(0);
    expect(apply.out).toContain('Slurm matches the allocations.');
    const cluster = readFileSync(emulator, 'utf8');
    expect(cluster).toContain('legal02');
    const again = await run('slurm', 'plan', '--emulator', emulator, '--json');
    expect(JSON.parse(again.out).empty).toBe(true);

    // the application is in the audit log with each command it ran (issue 14 item 3)
    const ctx = await createContext(loadConfig());
    try {
      const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'slurm.apply'));
      expect(rows).toHaveLength(1);
      const after = rows[0]!.after as { digest: string; applied: { argv: string[] }[] };
      expect(after.digest).toBe(JSON.parse(plan.out).digest);
      expect(after.applied.map((a) => a.argv)).toEqual(steps.map((s) => s.argv));
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
