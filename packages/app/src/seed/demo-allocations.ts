import { eq } from 'drizzle-orm';
import { taskAccountName } from '@stagegate/core/slurm/names';
import type { AppContext } from '../context.ts';
import { taskMembers, tasks, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { createAllocation } from '../allocations/allocation-editor.ts';
import { approveChangeRequest, submitChangeRequest } from '../allocations/change-request-store.ts';
import { listAllocations } from '../allocations/allocation-store.ts';
import { storeUsageSummary } from '../usage/store-usage.ts';
import { syntheticSacct } from '../adapters/sacct/synthetic-sacct.ts';
import { summarizeSacct } from '../adapters/sacct/read-sacct.ts';
import { chunks } from '../usage/import-sacct.ts';
import { seoulMidnight } from '@stagegate/core/shared/seoul-time';

const PROGRAM = 'specialized-fm';

/**
 * specialized-fm's two selected tasks (invented names): 256 B200 (32 nodes) each, phases 1 and 2,
 * with the openness tier and budget each declared (demo figures; the budgets are invented).
 */
export const demoSfmTasks = [
  {
    key: 'sfm-01',
    ko: '데모 의료 특화 모델 컨소시엄',
    en: 'Demo medical domain model consortium',
    leadKo: '한빛메디AI',
    leadEn: 'Hanbit Medi AI',
    users: ['medi01', 'medi02', 'medi03'],
    utilisation: 0.85,
    opennessTier: 'weights-code-data-osi',
    budgetWon: 12_000_000_000,
  },
  {
    key: 'sfm-02',
    ko: '데모 법률 특화 모델 컨소시엄',
    en: 'Demo legal domain model consortium',
    leadKo: '정의리걸테크',
    leadEn: 'Jeongui Legal Tech',
    users: ['legal01', 'legal02'],
    utilisation: 0.3,
    opennessTier: 'weights-code',
    budgetWon: 8_000_000_000,
  },
] as const;

/** The demo applicant account is a member of this task (so it can ask for changes and see usage). */
export const DEMO_ALLOCATION_APPLICANT_TASK = 'sfm-01';

async function demoOperator(ctx: AppContext): Promise<Actor> {
  const [row] = await ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
  if (!row) throw new Error('demo allocations need the demo operator account');
  return { id: row.id, email: row.email, name: row.name, role: 'operator' };
}

const must = (what: string, r: { status: string }) => {
  if (r.status !== 'committed') throw new Error(`demo allocations: ${what}: ${JSON.stringify(r)}`);
};

/**
 * Demo only, idempotent: the two specialized-fm tasks with members, 256 B200 each for phase 1 and
 * phase 2 (the 512-GPU pool full), phase-2 usage from a generated sacct file (sfm-02 uses about a
 * third), the reclaim of 64 GPUs from sfm-02 that under-use led to (approved, so it is in the
 * ledger), and sfm-01's pending request for a supplement of those 64 GPUs — left for the operator.
 * K-AI's five teams and their allocations come from the stage-evaluation demo data.
 */
export async function seedDemoAllocations(ctx: AppContext): Promise<void> {
  const existing = await ctx.db.select().from(tasks).where(eq(tasks.programSlug, PROGRAM));
  if (existing.some((t) => demoSfmTasks.some((d) => d.key === t.key))) return;
  const operator = await demoOperator(ctx);
  const [applicant] = await ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  const ids = new Map<string, string>();
  await ctx.db.transaction(async (tx) => {
    for (const t of demoSfmTasks) {
      const [row] = await tx
        .insert(tasks)
        .values({
          programSlug: PROGRAM,
          key: t.key,
          name: { ko: t.ko, en: t.en },
          leadOrganisationName: { ko: t.leadKo, en: t.leadEn },
          opennessTier: t.opennessTier,
          budgetWon: t.budgetWon,
        })
        .returning();
      ids.set(t.key, row!.id);
      for (const [i, u] of t.users.entries()) {
        const link = t.key === DEMO_ALLOCATION_APPLICANT_TASK && i === 0 ? (applicant?.id ?? null) : null;
        await tx.insert(taskMembers).values({ taskId: row!.id, clusterUsername: u, userId: link, role: i === 0 ? 'lead' : 'member' });
      }
      await appendAudit(tx, null, {
        action: 'task.create',
        objectType: 'task',
        objectId: row!.id,
        after: { key: t.key, programSlug: PROGRAM, members: t.users, demo: true },
      });
    }
  });
  const phases = [
    { phaseKey: 'phase-1', start: '2025-11-01', end: '2026-03-31' },
    { phaseKey: 'phase-2', start: '2026-04-01', end: '2026-09-09' },
  ];
  for (const p of phases) {
    for (const t of demoSfmTasks) {
      must(
        `allocate ${t.key}`,
        await createAllocation(
          ctx.db,
          operator,
          PROGRAM,
          { taskId: ids.get(t.key)!, poolKey: 'b200-pool', ...p, gpus: 256 },
          { mode: 'commit', reason: '선정 과제 배정 (데모)' },
        ),
      );
    }
  }

  // phase-2 usage, from a generated sacct file through the real import path
  const sacct = syntheticSacct(
    demoSfmTasks.map((t) => ({ account: taskAccountName(PROGRAM, t.key), users: [...t.users], gpus: 256, utilisation: t.utilisation })),
    '2026-04-01',
    '2026-09-09',
    2026,
  );
  const window = { start: seoulMidnight('2026-04-01'), end: seoulMidnight('2026-09-10') };
  await storeUsageSummary(ctx.db, operator, await summarizeSacct(chunks(JSON.stringify(sacct)), window), '데모: 생성한 sacct 기록 2026-04-01~2026-09-09');

  const list = await listAllocations(ctx.db, PROGRAM);
  const phase2 = (key: string) => list.find((a) => a.taskKey === key && a.phaseKey === 'phase-2')!;
  const reclaim = await submitChangeRequest(
    ctx.db,
    operator,
    PROGRAM,
    { kind: 'reclaim', allocationId: phase2('sfm-02').id, removeGpus: 64, effectiveFrom: '2026-06-01' },
    {
      mode: 'commit',
      reason: '4–5월 사용률 약 30%: 유휴 GPU 64장(8노드) 회수 (데모)',
      origin: 'under-use-policy',
    },
  );
  must('reclaim request', reclaim);
  if (reclaim.status === 'committed')
    must('approve reclaim', await approveChangeRequest(ctx.db, operator, reclaim.request.id, { mode: 'commit', reason: '저사용 회수 승인 (데모)' }));
  const applicantActor: Actor | null = applicant ? { id: applicant.id, email: applicant.email, name: applicant.name, role: 'applicant' } : null;
  must(
    'supplement request',
    await submitChangeRequest(
      ctx.db,
      applicantActor ?? operator,
      PROGRAM,
      { kind: 'supplement', allocationId: phase2('sfm-01').id, addGpus: 64, effectiveFrom: '2026-06-15' },
      {
        mode: 'commit',
        reason: '회수된 64장을 추가 학습(의료 영상-텍스트)에 요청합니다 (데모)',
      },
    ),
  );
}
