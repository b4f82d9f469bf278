import { and, eq } from 'drizzle-orm';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { AppContext } from '../context.ts';
import { applications, applicationVersions, reviewRounds, reviewSheets, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { demoConsortium, demoRegistrationNo, insertDemoOrganisation } from './demo-applications.ts';
import { leadKeyOf } from '../applications/eligibility-service.ts';
import { ensureAccount } from './demo-accounts.ts';
import { ensureReviewSetup, loadReviewCall } from '../review/review-call.ts';
import { inviteReviewer, respondToInvitation } from '../review/reviewer-pool.ts';
import { manualAssignment } from '../review/assignment-service.ts';
import { closeSelectionRound } from '../review/round-service.ts';

const PROGRAM = 'k-ai';
const CALL = '2025-call';
const CONSORTIA = 15;
/** K-AI's criteria groups and their points (the program's selection scheme) */
const GROUPS = [
  ['technical-capability', 40],
  ['development-plan', 30],
  ['public-access-ax', 30],
] as const;

const proposal = (n: number): ProposalDraft => ({
  title: `범용 파운데이션 모델 제안 ${n}호 (demo)`,
  summary: '국내에서 처음부터 학습한 범용 언어모델을 오픈소스로 공개합니다 (demo).',
  developmentGoals: '글로벌 최신 모델 대비 95% 성능 (demo)',
  stageGoals: [{ metric: 'KMMLU-Pro', target: '≥ 60%', dueDate: '2026-01-15' }],
  gpuRequest: [{ phaseKey: 'phase-1', gpus: 256 }],
  openSourcePlan: { what: '모델 가중치 공개', licence: 'Apache-2.0' },
});

/**
 * Demo only, idempotent: K-AI's 2025 selection as reported — 15 consortia reviewed on documents by
 * three reviewers, the documents round closed with its shortlist of 10 (through the same service
 * the office uses: audited, applicants told), and the presentation round open to those 10, its
 * assignment left to the operator. Scores are invented. The reviewers are K-AI's own
 * (kai-reviewer1–3@demo.stagegate.kr) so specialized-fm's demo panel keeps only its own work.
 */
export async function seedDemoSelectionRounds(ctx: AppContext): Promise<{ applications: number }> {
  const [done] = await ctx.db
    .select({ id: reviewRounds.id })
    .from(reviewRounds)
    .where(and(eq(reviewRounds.programSlug, PROGRAM), eq(reviewRounds.callKey, CALL)))
    .limit(1);
  if (done) return { applications: 0 };
  const [op] = await ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
  if (!op) return { applications: 0 };
  const operator: Actor = { id: op.id, email: op.email, name: op.name, role: 'operator' };

  const submittedAt = new Date('2025-07-21T08:00:00Z');
  await ctx.db.transaction(async (tx) => {
    for (let n = 1; n <= CONSORTIA; n++) {
      const reg = demoRegistrationNo(`4${String(n).padStart(2, '0')}810030`);
      const nameKo = `파운데이션랩 ${n}호 (demo)`;
      const orgId = await insertDemoOrganisation(tx, {
        nameKo,
        nameEn: `Foundation Lab ${n} (demo)`,
        type: n % 3 === 0 ? 'university' : 'sme',
        reg,
        verified: true,
      });
      const consortium = await demoConsortium(tx, reg, []);
      const p = proposal(n);
      // the call closed in July 2025: these arrive as the submitted record, not through today's submission window
      const [row] = await tx
        .insert(applications)
        .values({
          programSlug: PROGRAM,
          callKey: CALL,
          organisationId: orgId,
          consortium,
          leadKey: leadKeyOf({ nameKo, registrationNo: reg }),
          proposal: p,
          status: 'submitted',
          receiptNo: `KAI-2025-${String(n).padStart(4, '0')}`,
          submittedAt,
          updatedAt: submittedAt,
        })
        .returning();
      await tx.insert(applicationVersions).values({ applicationId: row!.id, version: 1, kind: 'draft', content: { consortium, proposal: p } });
      await appendAudit(tx, null, {
        action: 'application.create',
        objectType: 'application',
        objectId: row!.id,
        after: { program: PROGRAM, call: CALL, organisationId: orgId, demo: true },
      });
    }
  });
  await ctx.db.transaction((tx) => ensureReviewSetup(tx, operator, PROGRAM, CALL));
  let call = (await loadReviewCall(ctx.db, PROGRAM, CALL))!;
  const reviewerIds: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const email = `kai-reviewer${i}@demo.stagegate.kr`;
    const account = await ensureAccount(ctx, { email, password: 'stagegate-demo', name: `K-AI 평가위원 ${i} (Reviewer)`, role: 'reviewer' });
    const res = await inviteReviewer(
      ctx.db,
      operator,
      call,
      {
        email,
        name: `K-AI 평가위원 ${i}`,
        domains: [],
        keywords: ['언어모델'],
        profile: '대규모 언어모델 연구 (demo)',
        affiliations: [],
        maxLoad: CONSORTIA,
        minLoad: 0,
      },
      ctx.config.publicUrl,
    );
    if (res.status !== 'committed') throw new Error(`demo invitation refused: ${JSON.stringify(res)}`);
    const answered = await respondToInvitation(ctx.db, { id: account, email, name: email, role: 'reviewer' }, res.invitationUrl.split('/').pop()!, true);
    if (answered.status !== 'committed') throw new Error(`demo acceptance refused: ${JSON.stringify(answered)}`);
    reviewerIds.push(res.reviewer.id);
  }
  call = (await loadReviewCall(ctx.db, PROGRAM, CALL))!;
  const documents = call.rounds.find((r) => r.key === 'documents')!;
  const apps = await ctx.db
    .select()
    .from(applications)
    .where(and(eq(applications.programSlug, PROGRAM), eq(applications.callKey, CALL)));
  apps.sort((a, b) => String(a.receiptNo).localeCompare(String(b.receiptNo)));
  const assigned = await manualAssignment(ctx.db, operator, call, documents, {
    add: apps.flatMap((a) => reviewerIds.map((r) => [a.id, r] as [string, string])),
    remove: [],
    mode: 'commit',
  });
  if (assigned.status !== 'committed') throw new Error(`demo assignment refused: ${JSON.stringify(assigned)}`);
  await ctx.db.transaction(async (tx) => {
    for (const [n, a] of apps.entries()) {
      for (const [i, reviewerId] of reviewerIds.entries()) {
        // totals fall by 2.5 points per receipt number, each reviewer ±1 around it: no tie at the cut of 10
        const share = (88 - n * 2.5 + (i - 1)) / 100;
        const scores = Object.fromEntries(GROUPS.map(([k, pts]) => [k, { score: Math.round(pts * share * 10) / 10, comment: '서면 평가 의견 (demo)' }]));
        const total = Math.round(Object.values(scores).reduce((s, x) => s + x.score, 0) * 10) / 10;
        await tx.insert(reviewSheets).values({
          roundId: documents.id,
          applicationId: a.id,
          reviewerId,
          status: 'submitted',
          scores,
          total,
          submittedAt: new Date('2025-08-01T01:00:00Z'),
        });
      }
    }
  });
  const closed = await closeSelectionRound(ctx.db, operator, call, documents, { mode: 'commit', reason: 'demo: 서면 평가 15 → 10 (보도된 K-AI 선정 절차)' });
  if (closed.status !== 'committed') throw new Error(`demo round close refused: ${JSON.stringify(closed)}`);
  return { applications: apps.length };
}
