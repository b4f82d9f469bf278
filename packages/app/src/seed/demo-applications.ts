import { eq, sql } from 'drizzle-orm';
import { registrationCheckDigit, formatRegistrationNumber } from '@stagegate/core/organisation/registration-number';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { OrganisationType } from '@stagegate/core/organisation/organisation-type';
import type { AppContext } from '../context.ts';
import { organisationMembers, organisations, applications, applicationVersions, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { updateCallSettings } from '../applications/call-settings.ts';
import { resolveCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { submitApplication } from '../applications/submission.ts';
import { leadKeyOf } from '../applications/eligibility-service.ts';
import { memberFromRecord, storedConsortium } from '@stagegate/core/eligibility/consortium-refs';
import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/connect.ts';
import { normaliseOrganisationName } from '@stagegate/core/organisation/name-normalisation';
import { organisationRecord } from '../organisations/organisation-store.ts';

/** A valid registration number from nine digits (the tenth is the check digit). */
export function demoRegistrationNo(firstNine: string): string {
  const digits = firstNine + registrationCheckDigit([...firstNine].map(Number));
  return formatRegistrationNumber(digits);
}

export const DEMO_PROGRAM = 'specialized-fm';
export const DEMO_CALL = '2025-call';

// the applicant's own 가나다AI stays unverified, so its journey shows "pending verification"; the others were verified by the office
const demoOrganisations = [
  {
    key: 'ganada',
    nameKo: '가나다AI',
    nameEn: 'Ganada AI',
    type: 'startup',
    reg: demoRegistrationNo('101810001'),
    member: 'applicant@demo.stagegate.kr',
    verified: false,
  },
  {
    key: 'hanbit',
    nameKo: '한빛대학교 산학협력단',
    nameEn: 'Hanbit University Industry-Academic Cooperation Foundation',
    type: 'university',
    reg: demoRegistrationNo('102820002'),
    member: null,
    verified: true,
  },
  { key: 'mirae', nameKo: '미래의료AI', nameEn: 'Mirae Medical AI', type: 'sme', reg: demoRegistrationNo('103810003'), member: null, verified: true },
  {
    key: 'daehan',
    nameKo: '대한전자',
    nameEn: 'Daehan Electronics',
    type: 'large_enterprise',
    reg: demoRegistrationNo('104810004'),
    member: null,
    verified: true,
  },
  // a foreign firm taking part for global service development only (issue 16 item 6); its number is its Korean branch's (demo)
  {
    key: 'lexbridge',
    nameKo: '렉스브리지',
    nameEn: 'LexBridge Inc.',
    type: 'sme',
    country: 'US',
    reg: demoRegistrationNo('105840005'),
    member: null,
    verified: true,
  },
] as const;

/** Registers a demo organisation, verified by the office when the story needs it (audited as such). */
export async function insertDemoOrganisation(
  tx: Tx,
  o: { nameKo: string; nameEn: string; type: OrganisationType; reg: string; verified: boolean; country?: string },
): Promise<string> {
  const [row] = await tx
    .insert(organisations)
    .values({
      nameKo: o.nameKo,
      nameEn: o.nameEn,
      type: o.type,
      country: o.country ?? 'KR',
      registrationNo: o.reg,
      nameKey: normaliseOrganisationName(o.nameKo),
      nameKeyEn: normaliseOrganisationName(o.nameEn),
      evidence: 'demo: 사업자등록증명 (demo)',
      ...(o.verified ? { verificationStatus: 'verified' as const, verifiedAt: sql`now()` } : {}),
    })
    .returning();
  await appendAudit(tx, null, { action: 'organisation.create', objectType: 'organisation', objectId: row!.id, after: { nameKo: o.nameKo, demo: true } });
  if (o.verified)
    await appendAudit(tx, null, {
      action: 'organisation.verify',
      objectType: 'organisation',
      objectId: row!.id,
      before: { verificationStatus: 'unverified' },
      after: { verificationStatus: 'verified' },
      reason: '데모: 기관 유형과 사업자등록번호를 데모 증명서와 대조함',
    });
  return row!.id;
}

/** A demo consortium as a draft stores it: registry records found by registration number, with roles. */
export async function demoConsortium(tx: Tx, leadReg: string, participants: { reg: string; role?: string; purpose?: string }[]) {
  const rows = await tx
    .select()
    .from(organisations)
    .where(inArray(organisations.registrationNo, [leadReg, ...participants.map((p) => p.reg)]));
  const byReg = new Map(rows.map((r) => [r.registrationNo, organisationRecord(r)]));
  const record = (reg: string) => {
    const r = byReg.get(reg);
    if (!r) throw new Error(`demo organisation ${reg} missing`);
    return r;
  };
  return storedConsortium({
    lead: memberFromRecord(record(leadReg)),
    participants: participants.map((p) => memberFromRecord(record(p.reg), p.role, p.purpose)),
  });
}

const proposal = (title: string, domain: ProposalDraft['domain']): ProposalDraft => ({
  title,
  domain,
  summary: `${title}: 국내 데이터로 학습한 특화 파운데이션 모델 (demo)`,
  developmentGoals: '1단계: 사전학습 완료, 2단계: 도메인 벤치마크 목표 달성',
  stageGoals: [{ metric: 'KMMLU-Pro', target: '≥ 60%', dueDate: '2026-03-31' }],
  gpuRequest: [
    { phaseKey: 'phase-1', gpus: 256 },
    { phaseKey: 'phase-2', gpus: 256 },
  ],
  openSourcePlan: { what: '모델 가중치와 평가 코드', licence: 'Apache-2.0' },
});

/**
 * Demo only (STAGEGATE_DEMO=1). The published calls are in the past, so the demo opens the
 * specialized-fm 2025 call *through its call settings* — an audited window override that names
 * its reason — rather than editing the program's data or inventing a call; a real deployment never
 * runs this. Then a few organisations and applications so the office's table is not empty.
 * Idempotent: it does nothing once its organisations exist.
 */
export async function seedDemoApplications(ctx: AppContext): Promise<{ applications: number }> {
  const [already] = await ctx.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.registrationNo, demoOrganisations[0].reg));
  if (already) return { applications: 0 };
  const now = await databaseNow(ctx.db);
  await updateCallSettings(ctx.db, null, DEMO_PROGRAM, DEMO_CALL, {
    opens: new Date(now.getTime() - 24 * 3600_000),
    closes: new Date(now.getTime() + 30 * 24 * 3600_000),
    form: { fields: { attachments: 'optional' } },
    reason: '데모: 2025년 공모는 이미 지났으므로 신청 과정을 체험할 수 있게 30일간 다시 엶',
  });
  const ids = new Map<string, string>();
  await ctx.db.transaction(async (tx) => {
    for (const o of demoOrganisations) {
      const id = await insertDemoOrganisation(tx, o);
      ids.set(o.key, id);
      if (o.member) {
        const [u] = await tx.select({ id: user.id }).from(user).where(eq(user.email, o.member));
        if (u) await tx.insert(organisationMembers).values({ organisationId: id, userId: u.id, role: 'admin' });
      }
    }
  });
  const [ganada, hanbit, mirae, daehan, lexbridge] = demoOrganisations;
  const globalService = { reg: lexbridge.reg, role: 'global_service', purpose: '미국 로펌 대상 한·영 계약서 검토 서비스 개발 (demo)' };
  const drafts = [
    { org: ganada, participants: [{ reg: hanbit.reg, role: 'data' }], proposal: proposal('의료 영상 판독 특화 모델', 'medical'), submit: false },
    {
      org: mirae,
      participants: [{ reg: hanbit.reg, role: 'evaluation' }, { reg: daehan.reg, role: 'service' }, globalService],
      proposal: proposal('법률 문서 이해 특화 모델', 'legal'),
      submit: true,
    },
    { org: daehan, participants: [], proposal: proposal('제조 공정 최적화 모델', 'manufacturing'), submit: false },
  ];
  let count = 0;
  for (const d of drafts) {
    const orgId = ids.get(d.org.key)!;
    const id = await ctx.db.transaction(async (tx) => {
      const consortium = await demoConsortium(tx, d.org.reg, d.participants);
      const [row] = await tx
        .insert(applications)
        .values({
          programSlug: DEMO_PROGRAM,
          callKey: DEMO_CALL,
          organisationId: orgId,
          consortium,
          leadKey: leadKeyOf({ nameKo: d.org.nameKo, registrationNo: d.org.reg }),
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
    if (d.submit) {
      const res = await submitApplication(ctx.db, null, id, 1);
      if (res.status !== 'submitted') throw new Error(`demo submission refused: ${JSON.stringify(res)}`);
    }
    count++;
  }
  if (!(await resolveCall(ctx.db, DEMO_PROGRAM, DEMO_CALL))) throw new Error('demo call missing');
  return { applications: count };
}
