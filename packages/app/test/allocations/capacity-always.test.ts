import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { peakAllocated } from '@stagegate/core/allocation/occupancy';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import type { Actor } from '../../src/auth/actor.ts';
import { tasks, user } from '../../src/db/schema/index.ts';
import { createAllocation, removeAllocation } from '../../src/allocations/allocation-editor.ts';
import { listAllocations } from '../../src/allocations/allocation-store.ts';
import { getProgram, updateProgram } from '../../src/programs/program-store.ts';
import { createTestContext } from '../support/test-context.ts';

/**
 * Issue 13 item 4 — capacity, always. Runs on PGlite by default and on PostgreSQL under
 * `npm run test:pg` (STAGEGATE_TEST_DATABASE_URL), where the allocate/shrink pairs really race on
 * separate connections.
 */
let t: Awaited<ReturnType<typeof createTestContext>>;
let operator: Actor;
const SFM = 'specialized-fm';

const poolGpus = async () => (await getProgram(t.ctx.db, SFM))!.definition.gpuPools[0]!.gpuCount;
const withPool = (def: ProgramDefinition, gpuCount: number): ProgramDefinition => ({
  ...def,
  gpuPools: def.gpuPools.map((p, i) => (i === 0 ? { ...p, gpuCount } : p)),
});
async function setPool(gpuCount: number, reason = 'capacity test') {
  const row = (await getProgram(t.ctx.db, SFM))!;
  return updateProgram(t.ctx.db, operator, SFM, withPool(row.definition, gpuCount), { expectedRevision: row.revision, mode: 'commit', reason });
}
const taskId = async (key: string) => (await t.ctx.db.select().from(tasks).where(eq(tasks.key, key)))[0]!.id;
const issuesOf = (r: { status: string; issues?: { field: string; message: { ko: string; en: string } }[] }) => (r.status === 'invalid' ? r.issues! : []);

beforeAll(async () => {
  t = await createTestContext();
  const [row] = await t.ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
  operator = { id: row!.id, email: row!.email, name: row!.name, role: 'operator' };
}, 240_000);
afterAll(() => t?.dispose());

describe('issue 13 item 4: capacity, always', () => {
  it('refuses a pool raised beyond the nodes placed in it (512 → 640 on a full partition), naming the field', async () => {
    const res = await setPool(640);
    expect(res.status).toBe('invalid');
    const [i] = issuesOf(res);
    expect(i!.field).toBe('gpuPools.0.gpuCount');
    expect(i!.message.en).toBe('the GPU count (640) is more than the 512 GPUs of the nodes placed in the pool');
    expect(i!.message.ko).toBe('GPU 수(640)가 풀에 배치된 노드의 GPU 512개보다 많습니다');
    expect(await poolGpus()).toBe(512);
  });

  it('refuses a shrink below what is allocated (the demo fills the 512-GPU pool in phase 1)', async () => {
    const res = await setPool(448);
    expect(issuesOf(res).map((i) => [i.field, i.message.en])).toEqual([
      ['gpuPools.0.gpuCount', 'the GPU count cannot be smaller than the 512 GPUs already allocated from the pool'],
    ]);
  });

  it("enforces the program's per-task cap in phase 1 (256 B200) with its reason", async () => {
    const sfm01 = await taskId('sfm-01');
    // free the pool in phase 1 first, so only the cap can refuse
    for (const a of (await listAllocations(t.ctx.db, SFM)).filter((x) => x.phaseKey === 'phase-1')) {
      expect((await removeAllocation(t.ctx.db, operator, a.id, { mode: 'commit', reason: 'capacity test: empty phase 1' }))!.status).toBe('committed');
    }
    const res = await createAllocation(
      t.ctx.db,
      operator,
      SFM,
      { taskId: sfm01, poolKey: 'b200-pool', phaseKey: 'phase-1', gpus: 512, start: '2025-11-01', end: '2026-03-31' },
      { mode: 'preview' },
    );
    expect(res.status).toBe('invalid');
    const [i] = issuesOf(res as never);
    expect(i!.field).toBe('gpus');
    expect(i!.message.en).toBe('on 2025-11-01 task sfm-01 would hold 512 GPUs in Phase 1, above the per-task cap of 256 (the call: 256 B200 per task)');
    expect(i!.message.ko).toContain('과제당 한도 256 GPU를 넘습니다 (공고: 과제당 B200 256장)');
    const ok = await createAllocation(
      t.ctx.db,
      operator,
      SFM,
      { taskId: sfm01, poolKey: 'b200-pool', phaseKey: 'phase-1', gpus: 256, start: '2025-11-01', end: '2026-03-31' },
      { mode: 'preview' },
    );
    expect(ok.status).toBe('preview');
  });

  it('20 concurrent allocate/shrink pairs never oversubscribe the pool', async () => {
    const sfm01 = await taskId('sfm-01');
    // an empty pool: every pair is an allocation of 256 that fits 512, and a shrink to 128 that fits
    // what is allocated, but not both
    for (const a of await listAllocations(t.ctx.db, SFM))
      await removeAllocation(t.ctx.db, operator, a.id, { mode: 'commit', reason: 'capacity test: empty pool' });
    let allocated = 0;
    let shrunk = 0;
    for (let run = 0; run < 20; run++) {
      if ((await poolGpus()) !== 512) expect((await setPool(512, 'capacity test: reset')).status).toBe('committed');
      const row = (await getProgram(t.ctx.db, SFM))!;
      const [alloc, shrink] = await Promise.all([
        createAllocation(
          t.ctx.db,
          operator,
          SFM,
          { taskId: sfm01, poolKey: 'b200-pool', phaseKey: 'phase-1', gpus: 256, start: '2025-12-01', end: '2025-12-31' },
          { mode: 'commit', reason: `race ${run}` },
        ),
        updateProgram(t.ctx.db, operator, SFM, withPool(row.definition, 128), { expectedRevision: row.revision, mode: 'commit', reason: `race ${run}` }),
      ]);
      const list = await listAllocations(t.ctx.db, SFM);
      const pool = await poolGpus();
      expect(peakAllocated(list, 'b200-pool'), `run ${run}: ${alloc.status}/${shrink.status}`).toBeLessThanOrEqual(pool);
      // exactly one of the two wins: the loser is refused with the reason, never both committed
      expect([alloc.status, shrink.status].filter((s) => s === 'committed')).toHaveLength(1);
      if (alloc.status === 'committed') allocated++;
      if (shrink.status === 'committed') shrunk++;
      for (const a of list) await removeAllocation(t.ctx.db, operator, a.id, { mode: 'commit', reason: 'capacity test: next run' });
    }
    expect(allocated + shrunk).toBe(20);
  }, 240_000);
});
