import { and, eq, inArray } from 'drizzle-orm';
import { blockingPairs, detectConflicts, type Conflict, type ConflictApplication, type ConflictReviewer } from '@stagegate/core/review/conflicts';
import { consortiumMembers } from '@stagegate/core/eligibility/consortium';
import { normaliseOrganisationName } from '@stagegate/core/organisation/name-normalisation';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { organisationMembers, reviewConflicts, reviewerPool } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { databaseNow } from '../db/clock.ts';
import { submittedApplications, type ReviewCall, type ReviewedApplication } from './review-call.ts';
import { seoulYear } from '@stagegate/core/shared/seoul-time';

export type ConflictRow = typeof reviewConflicts.$inferSelect;

const digits = (reg: string) => reg.replace(/\D/g, '');

/**
 * Organisations are matched by registration number when both sides have one, else by normalised
 * name ("㈜가나다AI" = "가나다AI 주식회사"). Each identity is named by the first consortium member
 * that carries it, so the core's conflict detail reads as an organisation name.
 */
class OrganisationIdentities {
  private byKey = new Map<string, string>();
  /** registers a consortium member's keys; returns its canonical name */
  member(name: string, registrationNo?: string): string {
    const keys = [`name:${normaliseOrganisationName(name)}`, ...(registrationNo ? [`reg:${digits(registrationNo)}`] : [])];
    const canonical = keys.map((k) => this.byKey.get(k)).find(Boolean) ?? name;
    for (const k of keys) if (!this.byKey.has(k)) this.byKey.set(k, canonical);
    return canonical;
  }
  /** the canonical name an affiliation matches, or its own name when it matches no member */
  resolve(name: string, registrationNo?: string): string {
    if (registrationNo) {
      const byReg = this.byKey.get(`reg:${digits(registrationNo)}`);
      if (byReg) return byReg;
    }
    return this.byKey.get(`name:${normaliseOrganisationName(name)}`) ?? `(no member) ${name}`;
  }
}

/** Seoul's calendar year by the database's clock: affiliation years are Korean calendar years. */
async function seoulYearToday(db: Db | Tx): Promise<number> {
  return seoulYear(await databaseNow(db));
}

export function toCore(r: ConflictRow): Conflict {
  return {
    applicationId: r.applicationId,
    reviewerId: r.reviewerId,
    type: r.kind as Conflict['type'],
    severity: r.severity,
    detail: r.detail,
    ...(r.waivedAt ? { waiver: { reason: r.waiverReason ?? '' } } : {}),
  };
}

export async function listConflicts(db: Db | Tx, programSlug: string, callKey: string): Promise<ConflictRow[]> {
  return db
    .select()
    .from(reviewConflicts)
    .where(and(eq(reviewConflicts.programSlug, programSlug), eq(reviewConflicts.callKey, callKey), eq(reviewConflicts.stale, false)));
}

/** `${applicationId}|${reviewerId}` → the first reason the pair may not be assigned (unwaived conflicts only). */
export async function blockingConflicts(db: Db | Tx, programSlug: string, callKey: string): Promise<Map<string, LocalizedText>> {
  const rows = await listConflicts(db, programSlug, callKey);
  const blocked = new Set(blockingPairs(rows.map(toCore)).map(([a, r]) => `${a}|${r}`));
  const out = new Map<string, LocalizedText>();
  for (const r of rows) {
    const k = `${r.applicationId}|${r.reviewerId}`;
    if (blocked.has(k) && !r.waivedAt && !out.has(k)) out.set(k, r.detail);
  }
  return out;
}

/**
 * Runs the conflict rules over the call's submitted applications and its pool, in the caller's
 * transaction: new conflicts are stored, ones the rules no longer find are marked stale (kept for
 * the record, no longer blocking), waivers and declarations stay as they are.
 */
export async function refreshConflicts(tx: Tx, actor: Actor | null, call: ReviewCall, apps?: ReviewedApplication[]): Promise<{ added: number; stale: number }> {
  apps ??= await submittedApplications(tx, call.programSlug, call.callKey);
  const pool = await tx
    .select()
    .from(reviewerPool)
    .where(and(eq(reviewerPool.programSlug, call.programSlug), eq(reviewerPool.callKey, call.callKey)));
  const ids = new OrganisationIdentities();
  const orgIds = [...new Set(apps.map((a) => a.organisationId))];
  const members = orgIds.length ? await tx.select().from(organisationMembers).where(inArray(organisationMembers.organisationId, orgIds)) : [];
  const callId = `${call.programSlug}/${call.callKey}`;
  const coreApps: ConflictApplication[] = apps.map((a) => ({
    id: a.id,
    callId,
    organisationIds: consortiumMembers(a.consortium).map((m) => ids.member(m.name, m.registrationNo)),
    memberPersonIds: [
      ...new Set([...members.filter((m) => m.organisationId === a.organisationId).map((m) => m.userId), ...(a.createdBy ? [a.createdBy] : [])]),
    ],
  }));
  const coreReviewers: ConflictReviewer[] = pool.map((r) => ({
    id: r.id,
    ...(r.userId ? { personId: r.userId } : {}),
    affiliations: r.affiliations.map((f) => ({
      organisationId: ids.resolve(f.organisationName, f.registrationNo),
      fromYear: f.fromYear,
      ...(f.toYear !== null ? { toYear: f.toYear } : {}),
    })),
  }));
  const detected = detectConflicts({
    reviewers: coreReviewers,
    applications: coreApps,
    currentYear: await seoulYearToday(tx),
    pastAffiliationYears: call.config.conflictYears,
  });
  const existing = await tx
    .select()
    .from(reviewConflicts)
    .where(and(eq(reviewConflicts.programSlug, call.programSlug), eq(reviewConflicts.callKey, call.callKey), eq(reviewConflicts.source, 'detected')));
  const key = (a: string, r: string, k: string) => `${a}|${r}|${k}`;
  const found = new Set(detected.map((c) => key(c.applicationId, c.reviewerId, c.type)));
  let added = 0,
    stale = 0;
  const known = new Map(existing.map((e) => [key(e.applicationId, e.reviewerId, e.kind), e]));
  for (const c of detected) {
    const e = known.get(key(c.applicationId, c.reviewerId, c.type));
    if (e && !e.stale) continue;
    if (e) await tx.update(reviewConflicts).set({ stale: false, detail: c.detail, severity: c.severity }).where(eq(reviewConflicts.id, e.id));
    else
      await tx.insert(reviewConflicts).values({
        programSlug: call.programSlug,
        callKey: call.callKey,
        applicationId: c.applicationId,
        reviewerId: c.reviewerId,
        source: 'detected',
        kind: c.type,
        severity: c.severity,
        detail: c.detail,
      });
    added++;
  }
  for (const e of existing) {
    // a conflict held after the reviewer's own affiliation edit stays until the office waives it
    if (!e.stale && !e.heldSince && !found.has(key(e.applicationId, e.reviewerId, e.kind))) {
      await tx.update(reviewConflicts).set({ stale: true }).where(eq(reviewConflicts.id, e.id));
      stale++;
    }
  }
  if (added || stale)
    await appendAudit(tx, actor, {
      action: 'review.conflicts.detect',
      objectType: 'review-call',
      objectId: callId,
      after: { added, stale, conflictYears: call.config.conflictYears },
    });
  return { added, stale };
}

/** The reviewer tells the office of a tie the rules cannot see; it blocks at once. */
export async function declareConflict(
  db: Db,
  actor: Actor,
  call: ReviewCall,
  reviewerId: string,
  applicationId: string,
  reason: string,
  then?: (tx: Tx) => Promise<unknown>,
): Promise<ConflictRow> {
  const [c] = detectConflicts({ reviewers: [], applications: [], declared: [{ applicationId, reviewerId, reason }], currentYear: 0 });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reviewConflicts)
      .values({
        programSlug: call.programSlug,
        callKey: call.callKey,
        applicationId,
        reviewerId,
        source: 'declared',
        kind: 'declared',
        severity: c!.severity,
        detail: c!.detail,
      })
      .onConflictDoUpdate({
        target: [reviewConflicts.applicationId, reviewConflicts.reviewerId, reviewConflicts.kind],
        set: { detail: c!.detail, stale: false, waivedAt: null, waivedBy: null, waiverReason: null },
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'review.conflict.declare',
      objectType: 'review-conflict',
      objectId: row!.id,
      after: { applicationId, reviewerId, reason },
      reason,
    });
    await then?.(tx);
    return row!;
  });
}

export async function getConflict(db: Db, id: string): Promise<ConflictRow | undefined> {
  const [row] = await db.select().from(reviewConflicts).where(eq(reviewConflicts.id, id));
  return row;
}

/** The office lifts a conflict, saying why; the waiver is audited and can be withdrawn the same way. */
export async function waiveConflict(db: Db, actor: Actor, row: ConflictRow, waive: boolean, reason: string): Promise<ConflictRow> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(reviewConflicts)
      .set(waive ? { waivedAt: new Date(), waivedBy: actor.id, waiverReason: reason } : { waivedAt: null, waivedBy: null, waiverReason: null })
      .where(eq(reviewConflicts.id, row.id))
      .returning();
    await appendAudit(tx, actor, {
      action: waive ? 'review.conflict.waive' : 'review.conflict.reinstate',
      objectType: 'review-conflict',
      objectId: row.id,
      before: { waived: !!row.waivedAt, waiverReason: row.waiverReason },
      after: { waived: waive, applicationId: row.applicationId, reviewerId: row.reviewerId, kind: row.kind },
      reason,
    });
    return updated!;
  });
}
