import { and, asc, eq } from 'drizzle-orm';
import { drawPair, sealBattle } from '@stagegate/core/arena/blind-pairing';
import { expectedScore } from '@stagegate/core/arena/rating-scale';
import { createRng } from '@stagegate/core/shared/random';
import type { AppContext } from '../context.ts';
import {
  arenaAnswers,
  arenaBattles,
  arenaEvaluators,
  arenaPrompts,
  arenas,
  finalEvaluations,
  openSourceReleases,
  taskMembers,
  tasks,
  user,
  type BattleChoice,
} from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { ensureAccount } from './demo-accounts.ts';
import { setOpenSourcePolicy, recordRelease } from '../open-source/open-source-store.ts';
import { createFinalEvaluation, designate, enterFinalScores } from '../final-evaluation/final-evaluation-store.ts';
import { proposeSupport } from '../final-evaluation/support-negotiation.ts';
import { publishFinalEvaluation } from '../final-evaluation/publication.ts';

export const DEMO_ARENA_PROGRAM = 'k-ai';
export const DEMO_ARENA_STAGE = 'stage-1';
export const DEMO_SUPPORT_PROGRAM = 'specialized-fm';

/** Demo prompts of the kind K-AI's professional users judged (usefulness in Korean work). */
const demoPrompts = [
  '건강보험 피부양자 자격 요건을 세 줄로 요약해 주세요.',
  '중소기업이 R&D 세액공제를 받으려면 어떤 서류가 필요한가요?',
  '다음 문장을 공문서 문체로 바꿔 주세요: "회의 내일로 미뤄요."',
  '전세 계약 전에 꼭 확인해야 할 것 다섯 가지를 알려 주세요.',
  '초등학생에게 광합성을 설명해 주세요.',
  'Python으로 CSV 파일의 열 평균을 구하는 코드를 작성해 주세요.',
  '보도자료 제목을 세 가지 제안해 주세요: 지역 AI 데이터센터 개소.',
  '고객 불만 메일에 대한 정중한 답장을 써 주세요 (배송 지연).',
  '한국의 4대 보험을 표로 정리해 주세요.',
  '영문 계약서 조항 "force majeure"의 의미를 한국어로 설명해 주세요.',
  '노인 일자리 사업의 기대 효과를 두 문단으로 써 주세요.',
  '회의록을 요약하는 좋은 방법을 알려 주세요.',
];

/** Answer styles from better to worse, so demo teams differ in a way evaluators can see. */
const answerStyles = [
  (p: string) =>
    `요청하신 내용을 정리했습니다.\n\n1. 핵심: "${p.slice(0, 18)}…"에 대한 답의 요점을 먼저 제시합니다.\n2. 근거: 관련 제도와 절차를 단계별로 설명합니다.\n3. 유의점: 예외 사항과 확인할 곳(담당 기관)을 함께 안내합니다.`,
  (p: string) =>
    `"${p.slice(0, 18)}…"에 대해 답변드립니다. 주요 내용은 다음과 같습니다: 기본 요건을 확인하고, 필요한 절차를 따르며, 자세한 사항은 담당 기관에 문의하시기 바랍니다.`,
  (p: string) => `${p.slice(0, 18)}… 관련해서는 일반적으로 여러 요소를 고려해야 합니다. 상황에 따라 다를 수 있습니다.`,
  () => `죄송합니다. 해당 질문에 대해서는 정확한 답변을 드리기 어렵습니다.`,
  (p: string) => `${p} ${p}`,
];

/** The demo's "true" strengths behind the seeded panel votes (Elo scale), best first by task key order. */
const demoStrengths = [1080, 1040, 1000, 990, 930];

const panelEvaluators = [
  { email: 'panel01@demo.stagegate.kr', name: '평가단 01 (User panel)' },
  { email: 'panel02@demo.stagegate.kr', name: '평가단 02 (User panel)' },
  { email: 'panel03@demo.stagegate.kr', name: '평가단 03 (User panel)' },
];
const PANEL_VOTES_EACH = 24;

async function systemActor(ctx: AppContext): Promise<Actor> {
  const [op] = await ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
  return { id: op!.id, email: op!.email, name: op!.name, role: 'operator' };
}

/**
 * Demo only: K-AI stage 1's blind arena (prompts, an answer per team, the demo evaluator assigned,
 * open, and votes from three user-panel accounts drawn from known strengths so the ratings table
 * has intervals); both programs requiring open source, with two releases; and a specialized-fm final
 * evaluation with scores, one excellent task and its opening proposal. Idempotent.
 */
export async function seedDemoArena(ctx: AppContext): Promise<void> {
  const operator = await systemActor(ctx);
  await setOpenSourcePolicy(ctx.db, null, 'k-ai', true, '데모: 독자 AI 사업은 모델 오픈소스 공개를 요구함');
  await setOpenSourcePolicy(ctx.db, null, 'specialized-fm', true, '데모: 오픈소스 공개가 사업의 세 가지 목표 중 하나임');
  await seedArena(ctx, operator);
  const sfm = await ensureSupportTasks(ctx);
  await seedFinalEvaluation(ctx, operator, sfm);
  await seedReleases(ctx, sfm);
}

async function seedArena(ctx: AppContext, operator: Actor): Promise<void> {
  const db = ctx.db;
  const [existing] = await db
    .select()
    .from(arenas)
    .where(and(eq(arenas.programSlug, DEMO_ARENA_PROGRAM), eq(arenas.stageKey, DEMO_ARENA_STAGE)));
  if (existing) return;
  const teams = await db.select().from(tasks).where(eq(tasks.programSlug, DEMO_ARENA_PROGRAM)).orderBy(asc(tasks.key));
  if (teams.length < 2) return;
  const [evaluator] = await db.select().from(user).where(eq(user.email, 'evaluator@demo.stagegate.kr'));
  const panel: string[] = [];
  for (const p of panelEvaluators) panel.push(await ensureAccount(ctx, { ...p, password: 'stagegate-demo', role: 'evaluator' }));

  const rng = createRng(20260105);
  await db.transaction(async (tx) => {
    const [arena] = await tx
      .insert(arenas)
      .values({
        programSlug: DEMO_ARENA_PROGRAM,
        stageKey: DEMO_ARENA_STAGE,
        componentKey: 'user-evaluation',
        kind: 'pairwise',
        name: { ko: '1차 단계 사용자 평가 (블라인드 아레나)', en: 'Stage 1 user evaluation (blind arena)' },
        status: 'open',
        seed: 20260105,
        capPerEvaluator: 30,
        bootstrapRounds: 200,
        fullPoints: 25,
        conversion: { kind: 'expectedScoreVsBest' },
        createdBy: operator.id,
      })
      .returning();
    const arenaId = arena!.id;
    await tx.insert(arenaPrompts).values(demoPrompts.map((prompt, i) => ({ arenaId, promptId: `p${String(i + 1).padStart(2, '0')}`, position: i, prompt })));
    await tx.insert(arenaAnswers).values(
      teams.flatMap((t, ti) =>
        demoPrompts.map((prompt, i) => ({
          arenaId,
          taskId: t.id,
          promptId: `p${String(i + 1).padStart(2, '0')}`,
          answer: answerStyles[Math.min(answerStyles.length - 1, (ti + (i % 3 === 0 ? 1 : 0)) % answerStyles.length)]!(prompt),
          source: 'upload' as const,
          sourceRef: 'demo',
        })),
      ),
    );
    const evaluators = [...(evaluator ? [evaluator.id] : []), ...panel];
    await tx.insert(arenaEvaluators).values(evaluators.map((userId) => ({ arenaId, userId })));
    // the panel's votes: Bradley–Terry outcomes from the demo strengths, ties now and then
    const strength = new Map(teams.map((t, i) => [t.id, demoStrengths[i % demoStrengths.length]!]));
    const rows: (typeof arenaBattles.$inferInsert)[] = [];
    const start = Date.parse('2026-01-07T01:00:00Z');
    panel.forEach((evaluatorId, e) => {
      for (let n = 1; n <= PANEL_VOTES_EACH; n++) {
        const promptId = `p${String(rng.int(demoPrompts.length) + 1).padStart(2, '0')}`;
        const [a, b] = drawPair(
          rng,
          teams.map((t) => t.id),
        );
        const seat = sealBattle(rng, '', '', [
          { model: a, answer: '' },
          { model: b, answer: '' },
        ]);
        const p = expectedScore(strength.get(seat.left.model)!, strength.get(seat.right.model)!);
        const u = rng.next();
        const choice: BattleChoice = u < 0.08 ? 'tie' : u < 0.12 ? 'bothBad' : rng.next() < p ? 'left' : 'right';
        const at = new Date(start + (e * PANEL_VOTES_EACH + n) * 60_000);
        rows.push({
          arenaId,
          evaluatorId,
          drawNumber: n,
          promptId,
          leftTaskId: seat.left.model,
          rightTaskId: seat.right.model,
          drawnAt: at,
          choice,
          votedAt: at,
        });
      }
    });
    await tx.insert(arenaBattles).values(rows);
    await appendAudit(tx, null, {
      action: 'arena.seed',
      objectType: 'arena',
      objectId: arenaId,
      after: {
        demo: true,
        program: DEMO_ARENA_PROGRAM,
        stage: DEMO_ARENA_STAGE,
        prompts: demoPrompts.length,
        teams: teams.map((t) => t.key),
        panelVotes: rows.length,
      },
    });
  });
}

const supportTasks = [
  {
    key: 'sfm-med',
    ko: '가나다AI 의료 특화 모델 컨소시엄',
    en: 'Ganada AI medical model consortium',
    leadKo: '가나다AI',
    leadEn: 'Ganada AI',
    user: 'ganada01',
    applicant: true,
    score: 91.5,
  },
  {
    key: 'sfm-law',
    ko: '미래법률AI 컨소시엄',
    en: 'Mirae Legal AI consortium',
    leadKo: '미래법률AI',
    leadEn: 'Mirae Legal AI',
    user: 'mirae01',
    applicant: false,
    score: 84.0,
  },
] as const;

/** The two specialized-fm tasks, unless the program has tasks already (then those are used). */
async function ensureSupportTasks(ctx: AppContext): Promise<{ id: string; key: string }[]> {
  const db = ctx.db;
  const have = await db.select({ id: tasks.id, key: tasks.key }).from(tasks).where(eq(tasks.programSlug, DEMO_SUPPORT_PROGRAM)).orderBy(asc(tasks.key));
  if (have.length) return have;
  const [applicant] = await db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  const out: { id: string; key: string }[] = [];
  await db.transaction(async (tx) => {
    for (const t of supportTasks) {
      const [row] = await tx
        .insert(tasks)
        .values({ programSlug: DEMO_SUPPORT_PROGRAM, key: t.key, name: { ko: t.ko, en: t.en }, leadOrganisationName: { ko: t.leadKo, en: t.leadEn } })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      out.push({ id: row.id, key: row.key });
      await tx.insert(taskMembers).values({ taskId: row.id, clusterUsername: t.user, userId: t.applicant ? (applicant?.id ?? null) : null, role: 'lead' });
      await appendAudit(tx, null, {
        action: 'task.create',
        objectType: 'task',
        objectId: row.id,
        after: { key: t.key, program: DEMO_SUPPORT_PROGRAM, demo: true },
      });
    }
  });
  return out;
}

async function seedFinalEvaluation(ctx: AppContext, operator: Actor, sfm: { id: string; key: string }[]): Promise<void> {
  const db = ctx.db;
  if (sfm.length === 0) return;
  const [existing] = await db.select().from(finalEvaluations).where(eq(finalEvaluations.programSlug, DEMO_SUPPORT_PROGRAM));
  if (existing) return;
  const created = await createFinalEvaluation(db, operator, {
    program: DEMO_SUPPORT_PROGRAM,
    name: { ko: 'AI 특화 파운데이션 모델 최종 평가 (2026년 9월)', en: 'Specialized FM final evaluation (September 2026)' },
    excellenceRule: { kind: 'topNAtLeast', n: 1, minScore: 85 },
    poolKey: 'b200-pool',
    // the program data has no phase after the final evaluation yet; agreements are recorded as pending
    // allocation requests until the office adds one (e.g. `additional-support`) to the program
    phaseKey: 'additional-support',
    maxExtraGpus: 256,
    supportEarliestStart: '2026-10-01',
  });
  if (created.status !== 'committed') return;
  const fe = created.finalEvaluation;
  const scores = sfm.map((t, i) => ({ taskId: t.id, score: supportTasks.find((s) => s.key === t.key)?.score ?? [91.5, 84.0][i] ?? 70 }));
  await enterFinalScores(db, operator, fe, { scores, reason: 'demo scores' });
  const designated = await designate(db, operator, { ...fe }, 'commit');
  if (designated.status !== 'committed') return;
  // the results are published (teams told, bundle public), so the excellent team can propose
  const [toPublish] = await db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe.id));
  if ((await publishFinalEvaluation(db, operator, toPublish!, 'commit')).status !== 'committed') return;
  const best = designated.designations.find((d) => d.excellent);
  const [member] = best ? await db.select({ userId: taskMembers.userId }).from(taskMembers).where(eq(taskMembers.taskId, best.taskId)) : [];
  if (!best || !member?.userId) return;
  const [u] = await db.select().from(user).where(eq(user.id, member.userId));
  const [fresh] = await db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe.id));
  await proposeSupport(db, { id: u!.id, email: u!.email, name: u!.name, role: 'applicant' }, fresh!, best.taskId, {
    goalKind: 'serviceDevelopment',
    goals: '의료 상담 서비스 고도화: 3개 상급종합병원 시범 서비스, 의료 벤치마크 KorMedMCQA 80% 달성',
    gpus: 128,
    startsOn: '2026-10-01',
    endsOn: '2027-03-31',
    note: '시범 서비스 규모 기준 산정',
  });
}

async function seedReleases(ctx: AppContext, sfm: { id: string; key: string }[]): Promise<void> {
  const db = ctx.db;
  const [any] = await db.select({ id: openSourceReleases.id }).from(openSourceReleases).limit(1);
  if (any) return;
  const kai = await db.select({ id: tasks.id, key: tasks.key }).from(tasks).where(eq(tasks.programSlug, DEMO_ARENA_PROGRAM)).orderBy(asc(tasks.key));
  const releases = [
    // weights and code only, while sfm-01 declared weights, code and data: the office sees the flag (issue 16 item 2)
    sfm[0] && {
      taskId: sfm[0].id,
      modelName: `${sfm[0].key}-8b-instruct (demo)`,
      url: `https://huggingface.co/demo-stagegate/${sfm[0].key}-8b-instruct`,
      licence: 'Apache-2.0',
      releasedOn: '2026-04-15',
      weights: true,
      code: true,
      data: false,
    },
    kai[0] && {
      taskId: kai[0].id,
      modelName: `${kai[0].key}-32b (demo)`,
      url: `https://huggingface.co/demo-stagegate/${kai[0].key}-32b`,
      licence: 'MIT',
      releasedOn: '2026-01-20',
    },
    kai[1] && {
      taskId: kai[1].id,
      modelName: `${kai[1].key}-70b-chat (demo)`,
      url: `https://huggingface.co/demo-stagegate/${kai[1].key}-70b-chat`,
      licence: 'LicenseRef-Llama-3.1-Community',
      releasedOn: '2026-01-28',
    },
  ].filter((r): r is NonNullable<typeof r> => !!r);
  for (const r of releases) await recordRelease(db, null, r);
}
