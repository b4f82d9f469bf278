import { and, asc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { normaliseOrganisationName } from '@stagegate/core/organisation/name-normalisation';
import { changesVerifiedFacts, type OrganisationRecord } from '@stagegate/core/organisation/registry-record';
import type { OrganisationType } from '@stagegate/core/organisation/organisation-type';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { applications, organisationMembers, organisations, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { parseOrganisationInput, type OrganisationInput } from './organisation-input.ts';
import { escapeLike } from '../db/like-pattern.ts';

export type OrganisationRow = typeof organisations.$inferSelect;
export type MemberRole = 'admin' | 'member';

export type OrganisationResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'conflict'; message: string; currentRevision: number }
  | { status: 'committed'; organisation: OrganisationRow };

const duplicateNumber = (no: string): FieldIssue => ({
  field: 'registrationNo',
  message: {
    ko: `사업자등록번호 ${no} 기관이 이미 등록되어 있습니다. 그 기관의 관리자에게 구성원 추가를 요청하세요`,
    en: `an organisation with registration number ${no} is already registered; ask its admin to add you as a member`,
  },
});

/** The registry's view of a row, as core's eligibility reads it. */
/** The registry facts of a row, as eligibility judges them; the columns it reads are all it needs (a submission reads them as JSON). */
export type RecordColumns = Pick<OrganisationRow, 'id' | 'nameKo' | 'nameEn' | 'type' | 'country' | 'registrationNo' | 'verificationStatus'>;

export function organisationRecord(o: RecordColumns): OrganisationRecord {
  return {
    id: o.id,
    nameKo: o.nameKo,
    nameEn: o.nameEn,
    type: o.type,
    country: o.country,
    registrationNo: o.registrationNo,
    verified: o.verificationStatus === 'verified',
  };
}

const nameKeys = (v: Pick<OrganisationInput, 'nameKo' | 'nameEn'>) => ({
  nameKey: normaliseOrganisationName(v.nameKo),
  nameKeyEn: normaliseOrganisationName(v.nameEn),
});

/**
 * Another organisation already registered under the same name once folded (legal forms, spacing,
 * width, look-alike letters): a second record under it would let someone claim that organisation's
 * name in a consortium. Either of the new names against either of the registered ones.
 */
async function nameClaimIssues(db: Db, value: Pick<OrganisationInput, 'nameKo' | 'nameEn'>, exceptId?: string): Promise<FieldIssue[]> {
  const { nameKey, nameKeyEn } = nameKeys(value);
  const keys = [nameKey, nameKeyEn];
  const [twin] = await db
    .select({ nameKo: organisations.nameKo, nameKey: organisations.nameKey, nameKeyEn: organisations.nameKeyEn })
    .from(organisations)
    .where(and(or(inArray(organisations.nameKey, keys), inArray(organisations.nameKeyEn, keys)), exceptId ? ne(organisations.id, exceptId) : undefined))
    .limit(1);
  if (!twin) return [];
  const field = twin.nameKey === nameKey || twin.nameKeyEn === nameKey ? 'nameKo' : 'nameEn';
  return [
    {
      field,
      message: {
        ko: `이미 등록된 기관(${twin.nameKo})과 같은 이름입니다. 그 기관의 구성원이라면 관리자에게 추가를 요청하세요`,
        en: `an organisation named ${twin.nameKo} is already registered under this name; if you belong to it, ask its admin to add you`,
      },
    },
  ];
}

export async function membershipOf(db: Db, organisationId: string, userId: string): Promise<MemberRole | null> {
  const [m] = await db
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
  return m?.role ?? null;
}

export async function organisationIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, userId));
  return rows.map((r) => r.id);
}

/** The account that registers an organisation becomes its first admin, in the same transaction. */
export async function createOrganisation(db: Db, actor: Actor, input: Record<string, unknown>): Promise<OrganisationResult> {
  const { value, issues } = parseOrganisationInput(input);
  if (!value) return { status: 'invalid', issues };
  if (value.registrationNo) {
    const [twin] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.registrationNo, value.registrationNo));
    if (twin) return { status: 'invalid', issues: [duplicateNumber(value.registrationNo)] };
  }
  const claimed = await nameClaimIssues(db, value);
  if (claimed.length) return { status: 'invalid', issues: claimed };
  const organisation = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(organisations)
      .values({ ...value, ...nameKeys(value), createdBy: actor.id })
      .returning();
    await tx.insert(organisationMembers).values({ organisationId: row!.id, userId: actor.id, role: 'admin' });
    await appendAudit(tx, actor, { action: 'organisation.create', objectType: 'organisation', objectId: row!.id, after: value });
    return row!;
  });
  return { status: 'committed', organisation };
}

export async function getOrganisation(db: Db, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** An applicant sees the organisations it belongs to; the program office sees every one. */
export async function listOrganisations(db: Db, actor: Actor): Promise<(OrganisationRow & { myRole: MemberRole | null })[]> {
  if (actor.role === 'operator') return (await db.select().from(organisations).orderBy(asc(organisations.nameKo))).map((o) => ({ ...o, myRole: null }));
  const rows = await db
    .select({ o: organisations, role: organisationMembers.role })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, actor.id))
    .orderBy(asc(organisations.nameKo));
  return rows.map((r) => ({ ...r.o, myRole: r.role }));
}

export async function listMembers(db: Db, organisationId: string) {
  return db
    .select({ userId: user.id, email: user.email, name: user.name, role: organisationMembers.role })
    .from(organisationMembers)
    .innerJoin(user, eq(user.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, organisationId))
    .orderBy(asc(user.email));
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: Record<string, unknown>,
  expectedRevision: number,
): Promise<OrganisationResult> {
  const existing = await getOrganisation(db, id);
  if (!existing) return { status: 'invalid', issues: [{ field: 'id', message: { ko: '기관이 없습니다', en: 'no such organisation' } }] };
  const merged = {
    nameKo: existing.nameKo,
    nameEn: existing.nameEn,
    type: existing.type,
    country: existing.country,
    registrationNo: existing.registrationNo,
    evidence: existing.evidence,
    ...input,
  };
  const { value, issues } = parseOrganisationInput(merged);
  if (!value) return { status: 'invalid', issues };
  if (value.registrationNo && value.registrationNo !== existing.registrationNo) {
    const [twin] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.registrationNo, value.registrationNo));
    if (twin) return { status: 'invalid', issues: [duplicateNumber(value.registrationNo)] };
  }
  const claimed = await nameClaimIssues(db, value, id);
  if (claimed.length) return { status: 'invalid', issues: claimed };
  // a verified organisation that edits its name, type, country or number is unverified again
  const unverify = existing.verificationStatus === 'verified' && changesVerifiedFacts(existing as never, value as never);
  return db.transaction(async (tx): Promise<OrganisationResult> => {
    const [row] = await tx
      .update(organisations)
      .set({
        ...value,
        ...nameKeys(value),
        ...(unverify ? { verificationStatus: 'unverified' as const, verifiedAt: null, verifiedBy: null } : {}),
        revision: existing.revision + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(organisations.id, id), eq(organisations.revision, expectedRevision)))
      .returning();
    if (!row)
      return {
        status: 'conflict',
        message: `the organisation was changed by someone else (revision ${existing.revision}, you edited ${expectedRevision})`,
        currentRevision: existing.revision,
      };
    const { id: _i, createdAt: _c, updatedAt: _u, revision: _r, createdBy: _b, verifiedAt: _va, nameKey: _k, nameKeyEn: _ke, ...before } = existing;
    await appendAudit(tx, actor, {
      action: 'organisation.update',
      objectType: 'organisation',
      objectId: id,
      before,
      after: { ...value, ...(unverify ? { verificationStatus: 'unverified' } : {}) },
    });
    return { status: 'committed', organisation: row };
  });
}

/** A member leaves or an admin removes one; the last admin cannot go (the organisation would be orphaned). */
export async function removeMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<{ status: 'not_found' } | { status: 'invalid'; issues: FieldIssue[] } | { status: 'committed' }> {
  return db.transaction(async (tx) => {
    const members = await tx.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisationId));
    const gone = members.find((m) => m.userId === userId);
    if (!gone) return { status: 'not_found' as const };
    if (gone.role === 'admin' && members.filter((m) => m.role === 'admin').length === 1) {
      return {
        status: 'invalid' as const,
        issues: [
          {
            field: 'userId',
            message: {
              ko: '마지막 관리자는 나갈 수 없습니다. 먼저 다른 관리자를 지정하세요',
              en: 'the last admin cannot leave; make someone else admin first',
            },
          },
        ],
      };
    }
    await tx.delete(organisationMembers).where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
    await appendAudit(tx, actor, {
      action: userId === actor.id ? 'organisation.member.leave' : 'organisation.member.remove',
      objectType: 'organisation',
      objectId: organisationId,
      before: { userId, role: gone.role },
    });
    return { status: 'committed' as const };
  });
}

export async function organisationsByIds(db: Db, ids: string[]): Promise<Map<string, OrganisationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(organisations).where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface VerificationChange {
  organisation: { id: string; nameKo: string; nameEn: string; type: OrganisationType; country: string; registrationNo: string | null; evidence: string | null };
  before: 'unverified' | 'verified';
  after: 'unverified' | 'verified';
  /** applications (drafts and submitted) that list the organisation, as lead or participant */
  applications: number;
}

export type VerificationResult =
  | { status: 'not_found' }
  | { status: 'conflict'; currentRevision: number }
  | { status: 'unchanged'; change: VerificationChange }
  | { status: 'preview' | 'committed'; change: VerificationChange };

/**
 * The program office verifies (or withdraws the verification of) an organisation's declared type
 * and registration number. Preview shows the facts, the evidence and the applications that list it;
 * commit writes the status and its audit row, with the reason, in one transaction. The revision the
 * office looked at must still be current, so a fact changed meanwhile is not verified unseen.
 */
export async function verifyOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: { verified: boolean; reason: string; expectedRevision: number; mode: 'preview' | 'commit' },
): Promise<VerificationResult> {
  return db.transaction(async (tx) => {
    const [o] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!o) return { status: 'not_found' as const };
    if (o.revision !== input.expectedRevision) return { status: 'conflict' as const, currentRevision: o.revision };
    const listing = sql`${applications.organisationId} = ${id} or ${applications.consortium} @> ${JSON.stringify({ participants: [{ organisationId: id }] })}::jsonb`;
    const [n] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(listing);
    const after = input.verified ? ('verified' as const) : ('unverified' as const);
    const change: VerificationChange = {
      organisation: { id: o.id, nameKo: o.nameKo, nameEn: o.nameEn, type: o.type, country: o.country, registrationNo: o.registrationNo, evidence: o.evidence },
      before: o.verificationStatus,
      after,
      applications: n?.n ?? 0,
    };
    if (o.verificationStatus === after) return { status: 'unchanged' as const, change };
    if (input.mode === 'preview') return { status: 'preview' as const, change };
    await tx
      .update(organisations)
      .set({
        verificationStatus: after,
        verifiedAt: input.verified ? sql`now()` : null,
        verifiedBy: input.verified ? actor.id : null,
        revision: o.revision + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(organisations.id, id));
    await appendAudit(tx, actor, {
      action: input.verified ? 'organisation.verify' : 'organisation.unverify',
      objectType: 'organisation',
      objectId: id,
      before: { verificationStatus: o.verificationStatus },
      after: { verificationStatus: after, type: o.type, registrationNo: o.registrationNo, country: o.country },
      reason: input.reason,
    });
    return { status: 'committed' as const, change };
  });
}

/** Registered organisations a consortium may pick, by name or registration number: public facts only, at most `limit`. */
export async function searchDirectory(db: Db, q: string, limit: number) {
  const text = q.trim();
  const pattern = `%${escapeLike(text)}%`;
  const rows = await db
    .select({
      id: organisations.id,
      nameKo: organisations.nameKo,
      nameEn: organisations.nameEn,
      type: organisations.type,
      country: organisations.country,
      verificationStatus: organisations.verificationStatus,
    })
    .from(organisations)
    .where(text ? or(ilike(organisations.nameKo, pattern), ilike(organisations.nameEn, pattern), eq(organisations.registrationNo, text)) : undefined)
    .orderBy(asc(organisations.nameKo))
    .limit(limit);
  return rows.map((r) => ({ ...r, verified: r.verificationStatus === 'verified' }));
}
