import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { allocationLedger, allocations, stageEvaluations, taskMembers, tasks, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { openStageEvaluation } from '../stage-evaluation/evaluation-store.ts';
import { putExpertScores, putGateDeclaration, putGateRuling, putMeasurements } from '../stage-evaluation/inputs-store.ts';

export const DEMO_STAGE_PROGRAM = 'k-ai';
export const DEMO_STAGE_KEY = 'stage-1';

/**
 * Demo teams of K-AI's first stage evaluation (January 2026). The names are the reported elite
 * teams; every figure is demo data shaped to reproduce the reported headline numbers (top 90.2 =
 * 33.6 + 31.6 + 25.0, five-team average 79.7), not the official scores.
 */
export const demoStageTeams = [
  {
    key: 'kai-lg',
    ko: 'LG AI연구원 컨소시엄',
    en: 'LG AI Research consortium',
    leadKo: 'LG AI연구원',
    leadEn: 'LG AI Research',
    bench: [0.86, 0.8735, 0.905],
    panel: 90.3,
    likert: 4.41,
    user: 'lg01',
  },
  {
    key: 'kai-skt',
    ko: 'SK텔레콤 컨소시엄',
    en: 'SK Telecom consortium',
    leadKo: 'SK텔레콤',
    leadEn: 'SK Telecom',
    bench: [0.8375, 0.8375, 0.86],
    panel: 88.57,
    likert: 3.99,
    user: 'skt01',
  },
  {
    key: 'kai-naver',
    ko: '네이버클라우드 컨소시엄',
    en: 'Naver Cloud consortium',
    leadKo: '네이버클라우드',
    leadEn: 'Naver Cloud',
    bench: [0.8825, 0.842, 0.8375],
    panel: 80,
    likert: 3.72,
    user: 'naver01',
  },
  {
    key: 'kai-upstage',
    ko: '업스테이지 컨소시엄',
    en: 'Upstage consortium',
    leadKo: '업스테이지',
    leadEn: 'Upstage',
    bench: [0.815, 0.7925, 0.815],
    panel: 78,
    likert: 3.76,
    user: 'upstage01',
  },
  {
    key: 'kai-nc',
    ko: 'NC AI 컨소시엄',
    en: 'NC AI consortium',
    leadKo: 'NC AI',
    leadEn: 'NC AI',
    bench: [0.77, 0.77, 0.77],
    panel: 70,
    likert: 3.49,
    user: 'ncai01',
  },
] as const;

/** The team whose originality ruling the demo leaves to the panel (the e2e rules it failed). */
export const DEMO_PENDING_GATE_TEAM = 'kai-naver';
/** The team whose user-evaluation mean the demo leaves to be imported (the e2e imports it). */
export const DEMO_MISSING_USER_EVALUATION_TEAM = 'kai-nc';
/** The demo applicant account is a member of this team, so it can declare and appeal. */
export const DEMO_APPLICANT_TEAM = 'kai-naver';

/** K-AI's scoring rules for the demo: 0 points at half the reference, full at the 95 % target; Likert means relative to the best team. */
export const demoKaiRules = {
  benchmark: { floor: 0.5, target: 0.95 },
  benchmarkByComponent: {},
  // the evaluation store's benchmark categories (seed/benchmarks/k-ai.json) feeding each benchmark component
  benchmarkCategories: { 'nia-benchmark': 'nia', 'common-benchmarks': 'common', 'team-benchmarks': 'team-specific' },
  expertPanel: { scaleMax: 100 },
  userEvaluation: { conversion: { kind: 'proportionalToBest' } },
  stageGoals: { requiredShare: 1 },
  decimals: 1,
  eliminateLowest: { gateEliminationsCountTowardK: false },
};

// ten panel members; the highest and lowest are trimmed, and the rest average to the team's mean
const PANEL_OFFSETS = [-9, -5, -3, -1, 0, 0, 1, 3, 5, 9];

async function ensureTasks(db: Db): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const [applicant] = await db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  for (const t of demoStageTeams) {
    const [existing] = await db.select().from(tasks).where(eq(tasks.key, t.key));
    if (existing) {
      ids.set(t.key, existing.id);
      continue;
    }
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(tasks)
        .values({ programSlug: DEMO_STAGE_PROGRAM, key: t.key, name: { ko: t.ko, en: t.en }, leadOrganisationName: { ko: t.leadKo, en: t.leadEn } })
        .returning();
      ids.set(t.key, row!.id);
      await tx
        .insert(taskMembers)
        .values({ taskId: row!.id, clusterUsername: t.user, userId: t.key === DEMO_APPLICANT_TEAM ? (applicant?.id ?? null) : null, role: 'lead' });
      await appendAudit(tx, null, {
        action: 'task.create',
        objectType: 'task',
        objectId: row!.id,
        after: { key: t.key, program: DEMO_STAGE_PROGRAM, demo: true },
      });
    });
  }
  return ids;
}

/** Stage-1 and stage-2 allocations of 512 B200 each (the 2,560-GPU pool shared by five teams), if none exist. */
async function ensureAllocations(db: Db, ids: Map<string, string>): Promise<void> {
  const taskIds = [...ids.values()];
  const existing = await db.select({ id: allocations.id }).from(allocations).where(inArray(allocations.taskId, taskIds));
  if (existing.length) return;
  const phases = [
    { phaseKey: 'stage-1', start: '2025-08-04', end: '2026-01-15' },
    { phaseKey: 'stage-2', start: '2026-01-16', end: '2026-08-31' },
  ];
  await db.transaction(async (tx) => {
    for (const t of demoStageTeams) {
      for (const p of phases) {
        const [row] = await tx
          .insert(allocations)
          .values({
            programSlug: DEMO_STAGE_PROGRAM,
            taskId: ids.get(t.key)!,
            poolKey: 'b200-pool',
            phaseKey: p.phaseKey,
            gpus: 512,
            gpuMinutes: null,
            startDate: p.start,
            endDate: p.end,
          })
          .returning();
        const after = {
          id: row!.id,
          taskId: row!.taskId,
          taskKey: t.key,
          poolKey: row!.poolKey,
          phaseKey: p.phaseKey,
          gpus: 512,
          gpuMinutes: null,
          start: p.start,
          end: p.end,
        };
        await tx.insert(allocationLedger).values({
          programSlug: DEMO_STAGE_PROGRAM,
          allocationId: row!.id,
          taskId: row!.taskId,
          kind: 'created',
          before: null,
          after,
          actorLabel: 'system (demo seed)',
          reason: 'demo allocation',
        });
      }
    }
    await appendAudit(tx, null, {
      action: 'allocation.seed',
      objectType: 'program',
      objectId: DEMO_STAGE_PROGRAM,
      after: { demo: true, tasks: demoStageTeams.map((t) => t.key), gpusEach: 512, phases },
    });
  });
}

const ok = <T extends { status: string }>(what: string, r: T): T => {
  if (r.status === 'invalid') throw new Error(`demo stage evaluation: ${what}: ${JSON.stringify((r as unknown as { issues: unknown }).issues)}`);
  return r;
};

/**
 * Demo only: the K-AI first stage evaluation (5–15 January 2026), opened with five teams, their
 * benchmark ratios (as imported), panel scores, user-evaluation means and originality declarations,
 * four of five originality rulings, four of five user-evaluation means — and no decision, so the office (or the e2e test) can rule the
 * last gate, confirm the decision and publish. Idempotent.
 */
export async function seedDemoStageEvaluation(ctx: AppContext): Promise<{ evaluationId: string | null }> {
  const db = ctx.db;
  const [existing] = await db
    .select()
    .from(stageEvaluations)
    .where(and(eq(stageEvaluations.programSlug, DEMO_STAGE_PROGRAM), eq(stageEvaluations.stageKey, DEMO_STAGE_KEY)));
  if (existing) return { evaluationId: null };
  const ids = await ensureTasks(db);
  await ensureAllocations(db, ids);
  const opened = ok(
    'open',
    await openStageEvaluation(
      db,
      null,
      {
        program: DEMO_STAGE_PROGRAM,
        stageKey: DEMO_STAGE_KEY,
        nextPhaseKey: 'stage-2',
        name: {
          ko: '독자 AI 파운데이션 모델 1차 단계 평가 (2026년 1월, 데모)',
          en: 'Sovereign AI foundation model, first stage evaluation (January 2026, demo)',
        },
        periodStart: '2026-01-05',
        periodEnd: '2026-01-15',
        rules: demoKaiRules,
        teams: demoStageTeams.map((t) => t.key),
      },
      'commit',
    ),
  );
  const id = (opened as { id?: string }).id!;
  const benchKeys = ['nia-benchmark', 'common-benchmarks', 'team-benchmarks'];
  ok(
    'benchmarks',
    await putMeasurements(
      db,
      null,
      id,
      demoStageTeams.flatMap((t) =>
        benchKeys.map((component, i) => ({
          team: t.key,
          component,
          value: t.bench[i]!,
          source: 'import' as const,
          sourceRef: 'demo-benchmarks-2026-01.csv',
          note: 'demo figures, not official',
        })),
      ),
      'commit',
    ),
  );
  ok(
    'user evaluation',
    await putMeasurements(
      db,
      null,
      id,
      demoStageTeams
        .filter((t) => t.key !== DEMO_MISSING_USER_EVALUATION_TEAM)
        .map((t) => ({
          team: t.key,
          component: 'user-evaluation',
          value: t.likert,
          source: 'likert' as const,
          note: '전문 사용자 49명 1–5점 평균 (demo) / mean of 49 professional users, 1–5 (demo)',
        })),
      'commit',
    ),
  );
  ok(
    'panel',
    await putExpertScores(
      db,
      null,
      id,
      demoStageTeams.flatMap((t) =>
        PANEL_OFFSETS.map((o, i) => ({ team: t.key, component: 'expert-panel', expert: `위원 ${i + 1}`, score: Math.round((t.panel + o) * 100) / 100 })),
      ),
      'commit',
    ),
  );
  for (const t of demoStageTeams) {
    ok(
      `declaration ${t.key}`,
      await putGateDeclaration(
        db,
        null,
        id,
        t.key,
        'originality',
        {
          items: { architecture: true, data: true, weightInit: true },
          statement: `${t.ko}는 모델 구조 설계, 학습 데이터 구축, 가중치 초기화를 자체적으로 수행했습니다. (demo)`,
          evidence: [{ label: '기술 보고서 (demo)', url: `https://example.org/demo/${t.key}/technical-report.pdf` }],
        },
        'commit',
      ),
    );
    if (t.key === DEMO_PENDING_GATE_TEAM) continue;
    ok(
      `ruling ${t.key}`,
      await putGateRuling(
        db,
        null,
        id,
        t.key,
        'originality',
        { passed: true, reason: { ko: '자체 설계·데이터 구축·가중치 초기화 확인', en: 'own architecture, data and weight initialisation confirmed' } },
        'commit',
      ),
    );
  }
  return { evaluationId: id };
}
