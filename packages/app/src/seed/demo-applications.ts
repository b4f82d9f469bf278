import { eq, sql } from 'drizzle-orm';
import { registrationCheckDigit, formatRegistrationNumber } from '@stagegate/core/organisation/registration-number';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { AppContext } from '../context.ts';
import { organisationMembers, organisations, applications, applicationVersions, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { updateCallSettings } from '../applications/call-settings.ts';
import { resolveCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../applications/db-clock.ts';
import { submitApplication } from '../applications/submission.ts';
import { leadKeyOf } from '../applications/eligibility-service.ts';

/** A valid registration number from nine digits (the tenth is the check digit). */
export function demoRegistrationNo(firstNine: string): string {
  const digits = firstNine + registrationCheckDigit([...firstNine].map(Number));
  return formatRegistrationNumber(digits);
}

export const DEMO_PROGRAM = 'specialized-fm';
export const DEMO_CALL = '2025-call';

const demoOrganisations = [
  { key: 'ganada', nameKo: '가나다AI', nameEn: 'Ganada AI', type: 'startup', reg: demoRegistrationNo('101810001'), member: 'applicant@demo.stagegate.kr' },
  { key: 'hanbit', nameKo: '한빛대학교 산학협력단', nameEn: 'Hanbit University Industry-Academic Cooperation Foundation', type: 'university', reg: demoRegistrationNo('102820002'), member: null },
  { key: 'mirae', nameKo: '미래의료AI', nameEn: 'Mirae Medical AI', type: 'sme', reg: demoRegistrationNo('103810003'), member: null },
  { key: 'daehan', nameKo: '대한전자', nameEn: 'Daehan Electronics', type: 'large_enterprise', reg: demoRegistrationNo('104810004'), member: null },
] as const;

const member = (o: (typeof demoOrganisations)[number], role?: string) => ({ name: o.nameKo, type: o.type, country: 'KR', registrationNo: o.reg, ...(role ? { role } : {}) });

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
    reason: 'demo: the published 2025 call is in the past; opened for 30 days so the applicant journey can be tried',
  });
  const ids = new Map<string, string>();
  await ctx.db.transaction(async (tx) => {
    for (const o of demoOrganisations) {
      const [row] = await tx.insert(organisations).values({ nameKo: o.nameKo, nameEn: o.nameEn, type: o.type, country: 'KR', registrationNo: o.reg }).returning();
      ids.set(o.key, row!.id);
      if (o.member) {
        const [u] = await tx.select({ id: user.id }).from(user).where(eq(user.email, o.member));
        if (u) await tx.insert(organisationMembers).values({ organisationId: row!.id, userId: u.id, role: 'admin' });
      }
      await appendAudit(tx, null, { action: 'organisation.create', objectType: 'organisation', objectId: row!.id, after: { nameKo: o.nameKo, demo: true } });
    }
  });
  const [ganada, hanbit, mirae, daehan] = demoOrganisations;
  const drafts = [
    { org: ganada, consortium: { lead: member(ganada), participants: [member(hanbit, 'data')] }, proposal: proposal('의료 영상 판독 특화 모델', 'medical'), submit: false },
    { org: mirae, consortium: { lead: member(mirae), participants: [member(hanbit, 'evaluation'), member(daehan, 'service')] }, proposal: proposal('법률 문서 이해 특화 모델', 'legal'), submit: true },
    { org: daehan, consortium: { lead: member(daehan), participants: [] }, proposal: proposal('제조 공정 최적화 모델', 'manufacturing'), submit: false },
  ];
  let count = 0;
  for (const d of drafts) {
    const orgId = ids.get(d.org.key)!;
    const id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(applications).values({ programSlug: DEMO_PROGRAM, callKey: DEMO_CALL, organisationId: orgId, consortium: d.consortium, leadKey: leadKeyOf(d.consortium), proposal: d.proposal, updatedAt: sql`now()` }).returning();
      await tx.insert(applicationVersions).values({ applicationId: row!.id, version: 1, kind: 'draft', content: { consortium: d.consortium, proposal: d.proposal } });
      await appendAudit(tx, null, { action: 'application.create', objectType: 'application', objectId: row!.id, after: { program: DEMO_PROGRAM, call: DEMO_CALL, organisationId: orgId, demo: true } });
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
