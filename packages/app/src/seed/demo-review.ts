import { and, eq, sql } from 'drizzle-orm';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { AppContext } from '../context.ts';
import { applications, applicationVersions, organisationMembers, organisations, reviewerPool, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { submitApplication } from '../applications/submission.ts';
import { DEMO_CALL, DEMO_PROGRAM, demoConsortium, demoRegistrationNo, insertDemoOrganisation } from './demo-applications.ts';
import { leadKeyOf } from '../applications/eligibility-service.ts';
import { ensureAccount } from './demo-accounts.ts';
import { loadReviewCall, updateReviewConfig } from '../review/review-call.ts';
import { inviteReviewer, respondToInvitation } from '../review/reviewer-pool.ts';
import { refreshConflicts } from '../review/conflict-service.ts';

/** The applicant of one of the review demo's applications (누리금융AI), to try the published result. */
export const DEMO_REVIEW_APPLICANT = 'nuri@demo.stagegate.kr';

const orgs = {
  nuri: { nameKo: '누리금융AI', nameEn: 'Nuri Finance AI', type: 'startup', reg: demoRegistrationNo('201810011') },
  sejong: {
    nameKo: '세종대학교 산학협력단',
    nameEn: 'Sejong University Industry-Academic Cooperation Foundation',
    type: 'university',
    reg: demoRegistrationNo('202820012'),
  },
  bareun: { nameKo: '바른법률테크', nameEn: 'Bareun Legal Tech', type: 'sme', reg: demoRegistrationNo('203810013') },
  hangyeol: { nameKo: '한결제조AI', nameEn: 'Hangyeol Manufacturing AI', type: 'sme', reg: demoRegistrationNo('204810014') },
  daon: { nameKo: '다온헬스', nameEn: 'Daon Health', type: 'startup', reg: demoRegistrationNo('205810015') },
} as const;
type OrgKey = keyof typeof orgs;

// organisations of the applications demo, named as consortium members by their registration numbers
const hanbit = (role: string) => ({ reg: demoRegistrationNo('102820002'), role });
const daehan = (role: string) => ({ reg: demoRegistrationNo('104810004'), role });
const member = (k: OrgKey, role?: string) => ({ reg: orgs[k].reg, ...(role ? { role } : {}) });

const proposal = (title: string, domain: ProposalDraft['domain'], summary: string, goals: string): ProposalDraft => ({
  title,
  domain,
  summary,
  developmentGoals: goals,
  stageGoals: [{ metric: 'KMMLU-Pro', target: '≥ 60%', dueDate: '2026-03-31' }],
  gpuRequest: [
    { phaseKey: 'phase-1', gpus: 256 },
    { phaseKey: 'phase-2', gpus: 256 },
  ],
  openSourcePlan: { what: '모델 가중치와 평가 코드 공개', licence: 'Apache-2.0' },
});

const demoApplications: { lead: OrgKey; participants: { reg: string; role?: string }[]; proposal: ProposalDraft }[] = [
  {
    lead: 'nuri',
    participants: [member('sejong', 'data')],
    proposal: proposal(
      '금융 상담·심사 특화 언어모델',
      'finance',
      '은행·보험 상담 기록과 약관으로 학습한 금융 특화 모델. 여신 심사 보조와 금융 소비자 보호 규제 준수를 목표로 합니다.',
      '금융 규제 문서 질의응답 정확도 85%, 심사 보조 업무 시간 30% 단축',
    ),
  },
  {
    lead: 'bareun',
    participants: [hanbit('evaluation')],
    proposal: proposal(
      '판례 검색·계약서 검토 법률 모델',
      'legal',
      '국내 판례와 법령으로 학습한 법률 특화 모델. 계약서 위험 조항 검토와 판례 검색을 지원합니다.',
      '판례 검색 정확도 90%, 계약서 위험 조항 재현율 80%',
    ),
  },
  {
    lead: 'hangyeol',
    participants: [member('sejong', 'model_development'), daehan('service')],
    proposal: proposal(
      '제조 설비 예지보전 파운데이션 모델',
      'manufacturing',
      '설비 센서 시계열과 정비 기록을 함께 학습한 제조 특화 모델. 고장 예측과 공정 최적화를 목표로 합니다.',
      '고장 예측 F1 0.8, 공정 불량률 15% 감소',
    ),
  },
  {
    lead: 'sejong',
    participants: [],
    proposal: proposal(
      '의료 영상·판독문 멀티모달 모델',
      'medical',
      '흉부 영상과 판독문을 함께 학습한 의료 특화 멀티모달 모델. 판독 초안 작성과 이상 소견 검출을 지원합니다.',
      '판독 초안 임상 수용률 70%, 이상 소견 검출 AUROC 0.9',
    ),
  },
  {
    lead: 'daon',
    participants: [hanbit('data')],
    proposal: proposal(
      '만성질환 관리 의료 상담 모델',
      'medical',
      '만성질환 환자 상담과 복약 지도를 위한 의료 특화 언어모델. 의료진 검수를 거친 데이터로 학습합니다.',
      '의료진 평가 적합도 4.0/5, 복약 지도 오류율 1% 미만',
    ),
  },
];

const reviewers = [
  {
    email: 'reviewer@demo.stagegate.kr',
    name: '박심사',
    domains: ['medical', 'legal'],
    keywords: ['의료 영상', '법률', '판례'],
    profile: '의료 인공지능과 법률 문서 처리 연구. 의료 영상 판독 모델과 판례 검색 모델을 평가한 경험이 있습니다.',
    affiliations: [{ organisationName: '국립AI연구원', fromYear: 2015, toYear: null }],
  },
  {
    email: 'reviewer2@demo.stagegate.kr',
    name: '정금융',
    domains: ['finance'],
    keywords: ['금융', '신용 평가', '규제'],
    profile: '금융 공학과 신용 평가 모델 연구. 은행 여신 심사 자동화 프로젝트를 이끌었습니다.',
    affiliations: [{ organisationName: '한국금융연구소', fromYear: 2012, toYear: null }],
  },
  {
    email: 'reviewer3@demo.stagegate.kr',
    name: '한대학',
    domains: ['medical', 'manufacturing'],
    keywords: ['멀티모달', '시계열'],
    profile: '멀티모달 학습과 시계열 이상 탐지 연구. 제조 설비 예지보전과 의료 영상 분석 과제를 수행했습니다.',
    affiliations: [{ organisationName: '한빛대학교 산학협력단', registrationNo: demoRegistrationNo('102820002'), fromYear: 2018, toYear: null }],
  },
  {
    email: 'reviewer4@demo.stagegate.kr',
    name: '오제조',
    domains: ['manufacturing'],
    keywords: ['공정 최적화', '예지보전'],
    profile: '스마트 팩토리 공정 최적화와 설비 예지보전 모델 개발.',
    affiliations: [
      { organisationName: '대한전자', fromYear: 2010, toYear: 2024 },
      { organisationName: '산업기술평가원', fromYear: 2024, toYear: null },
    ],
  },
  {
    email: 'reviewer5@demo.stagegate.kr',
    name: '유법률',
    domains: ['legal', 'finance'],
    keywords: ['계약서', '판례', '규제 준수'],
    profile: '법률 인공지능과 금융 규제 준수 시스템 연구. 계약서 검토 모델을 평가했습니다.',
    affiliations: [{ organisationName: '서울법학연구소', fromYear: 2016, toYear: null }],
  },
  {
    email: 'reviewer6@demo.stagegate.kr',
    name: '강언어',
    domains: ['medical', 'finance', 'legal', 'manufacturing'],
    keywords: ['언어모델', '사전학습', '평가'],
    profile: '대규모 언어모델 사전학습과 평가 방법론 연구. 다양한 도메인 특화 모델의 벤치마크를 설계했습니다.',
    affiliations: [{ organisationName: '국가AI평가센터', fromYear: 2019, toYear: null }],
  },
];

/**
 * Demo only, idempotent: five more submitted applications for specialized-fm's 2025 call (so the
 * office has something to rank against 2 tasks and 512 GPUs), a pool of six accepted reviewers
 * with accounts (reviewer@ and reviewer2–6@demo.stagegate.kr, password stagegate-demo) and one
 * invitation left open, blind review on, and the rules' conflicts detected — one reviewer works
 * at 한빛대학교, a participant of several consortia. Assignment is left to the operator.
 */
export async function seedDemoReview(ctx: AppContext): Promise<{ applications: number; reviewers: number }> {
  const [done] = await ctx.db
    .select({ id: reviewerPool.id })
    .from(reviewerPool)
    .where(and(eq(reviewerPool.programSlug, DEMO_PROGRAM), eq(reviewerPool.callKey, DEMO_CALL)))
    .limit(1);
  if (done) return { applications: 0, reviewers: 0 };
  const [op] = await ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
  if (!op) return { applications: 0, reviewers: 0 };
  const operator: Actor = { id: op.id, email: op.email, name: op.name, role: 'operator' };

  const applicantId = await ensureAccount(ctx, {
    email: DEMO_REVIEW_APPLICANT,
    password: 'stagegate-demo',
    name: '문누리 (Applicant, 누리금융AI)',
    role: 'applicant',
  });
  const orgIds = new Map<OrgKey, string>();
  await ctx.db.transaction(async (tx) => {
    for (const [key, o] of Object.entries(orgs) as [OrgKey, (typeof orgs)[OrgKey]][]) {
      const [existing] = await tx.select().from(organisations).where(eq(organisations.registrationNo, o.reg));
      // verified by the office: these consortia are ranked and may be selected in the demo
      orgIds.set(key, existing?.id ?? (await insertDemoOrganisation(tx, { ...o, verified: true })));
    }
    await tx
      .insert(organisationMembers)
      .values({ organisationId: orgIds.get('nuri')!, userId: applicantId, role: 'admin' })
      .onConflictDoNothing();
  });
  let submitted = 0;
  for (const d of demoApplications) {
    const orgId = orgIds.get(d.lead)!;
    const id = await ctx.db.transaction(async (tx) => {
      const consortium = await demoConsortium(tx, orgs[d.lead].reg, d.participants);
      const leadKey = leadKeyOf({ nameKo: orgs[d.lead].nameKo, registrationNo: orgs[d.lead].reg });
      const [row] = await tx
        .insert(applications)
        .values({
          programSlug: DEMO_PROGRAM,
          callKey: DEMO_CALL,
          organisationId: orgId,
          createdBy: d.lead === 'nuri' ? applicantId : null,
          consortium,
          leadKey,
          proposal: d.proposal,
          updatedAt: sql`now()`,
        })
        .returning();
      await tx.insert(applicationVersions).values({ applicationId: row!.id, version: 1, kind: 'draft', content: { consortium, proposal: d.proposal } });
      await appendAudit(tx, null, {
        action: 'application.create',
        objectType: 'application',
        objectId: row!.id,
        after: { program: DEMO_PROGRAM, call: DEMO_CALL, organisationId: orgId, demo: true },
      });
      return row!.id;
    });
    const res = await submitApplication(ctx.db, null, id, 1);
    if (res.status !== 'submitted') throw new Error(`demo review submission refused: ${JSON.stringify(res)}`);
    submitted++;
  }

  let call = (await loadReviewCall(ctx.db, DEMO_PROGRAM, DEMO_CALL))!;
  const configured = await updateReviewConfig(ctx.db, operator, call, {
    blind: true,
    conflictYears: 3,
    aggregation: { method: 'trimmed', trimMinReviewers: 5, zScore: false },
    rounds: [{ key: 'documents', name: { ko: '서면 평가', en: 'Document review' }, weight: 1, reviewsPerProposal: 3 }],
    expectedRevision: 0,
    // the program says documents then a presentation; this demo tour reviews on documents alone so it can
    // rank and select right after them (K-AI's demo call shows the two rounds with the shortlist applied)
    reason: '데모: 블라인드 서면 평가, 제안서당 평가위원 3명',
  });
  if (configured.status !== 'committed') throw new Error(`demo review config refused: ${JSON.stringify(configured)}`);
  call = (await loadReviewCall(ctx.db, DEMO_PROGRAM, DEMO_CALL))!;
  for (const r of reviewers) {
    const account = await ensureAccount(ctx, { email: r.email, password: 'stagegate-demo', name: `${r.name} (Reviewer)`, role: 'reviewer' });
    const res = await inviteReviewer(ctx.db, operator, call, { ...r, maxLoad: 4, minLoad: 0 }, ctx.config.publicUrl);
    if (res.status !== 'committed') throw new Error(`demo invitation refused: ${JSON.stringify(res)}`);
    const token = res.invitationUrl.split('/').pop()!;
    const answered = await respondToInvitation(ctx.db, { id: account, email: r.email, name: r.name, role: 'reviewer' }, token, true);
    if (answered.status !== 'committed') throw new Error(`demo acceptance refused: ${JSON.stringify(answered)}`);
  }
  await inviteReviewer(
    ctx.db,
    operator,
    call,
    {
      email: 'invited.reviewer@demo.stagegate.kr',
      name: '서초대기',
      domains: ['legal'],
      keywords: [],
      profile: '법률 정보학',
      affiliations: [],
      maxLoad: 3,
      minLoad: 0,
    },
    ctx.config.publicUrl,
  );
  await ctx.db.transaction((tx) => refreshConflicts(tx, operator, call));
  return { applications: submitted, reviewers: reviewers.length + 1 };
}
