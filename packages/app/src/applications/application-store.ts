import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import { proposalDraft, type ProposalDraft } from '@stagegate/core/application/proposal';
import { judgeDraftSave } from '@stagegate/core/application/draft-conflict';
import { checkTransition } from '@stagegate/core/application/application-status';
import { isEmbedded, type Db, type Tx } from '../db/connect.ts';
import { applicationAttachments, applications, applicationVersions } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { getOrganisation, membershipOf, organisationIdsOf } from '../organisations/organisation-store.ts';
import { callStateAt, resolveCall } from './call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { acceptsApplicantChanges } from '@stagegate/core/call/call-state';
import { gpuRequestIssues } from '@stagegate/core/allocation/request-limits';
import { declarationIssues } from '@stagegate/core/program/cost-share';
import { draftConsortiumFor, leadKeyOf } from './eligibility-service.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

export type ApplicationRow = typeof applications.$inferSelect;
export type VersionRow = typeof applicationVersions.$inferSelect;

/** What a version holds: the consortium as typed (checked when judged) and the proposal. */
export interface DraftContent {
  consortium: unknown;
  proposal: ProposalDraft;
}

/**
 * Only the outline of a consortium is checked here; its members are organisation records, resolved
 * against the registry (and the program's participant cap) before a save. 10,000 is the ceiling any
 * program may set, so no list beyond it is even walked.
 */
const draftConsortium = z.object({ lead: z.unknown().optional(), participants: z.array(z.unknown()).max(10_000).optional() }).strict();

export function zodIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    const field = i.code === 'unrecognized_keys' ? `${path ? `${path}.` : ''}${(i as { keys: string[] }).keys[0]}` : path || prefix;
    return { field, message: { ko: `잘못된 값: ${i.message}`, en: i.message } };
  });
}

/** A draft's whole content (consortium and proposal as JSON); attachments are files, not counted here. */
export const DRAFT_MAX_BYTES = 1024 * 1024;
/** Superseded autosaves kept per application; submitted versions are all kept. */
export const DRAFT_VERSIONS_KEPT = 5;
/** Saves that lost a race, kept to be restored: more of them, since each may be someone's only copy. */
export const CONFLICTED_VERSIONS_KEPT = 20;

/** Refuses a draft over the cap, naming its largest field, so the applicant knows what to shorten. */
function draftSizeIssue(input: { consortium?: unknown; proposal?: unknown }): FieldIssue | null {
  const sizes: [string, number][] = [];
  for (const part of ['consortium', 'proposal'] as const) {
    const v = input[part];
    if (v === undefined) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) sizes.push([`${part}.${k}`, Buffer.byteLength(JSON.stringify(x) ?? '')]);
    } else sizes.push([part, Buffer.byteLength(JSON.stringify(v) ?? '')]);
  }
  const total = sizes.reduce((a, [, n]) => a + n, 0);
  if (total <= DRAFT_MAX_BYTES) return null;
  const [field] = sizes.reduce((a, b) => (b[1] > a[1] ? b : a));
  const limitKb = DRAFT_MAX_BYTES / 1024;
  const sizeKb = Math.ceil(total / 1024);
  return {
    field,
    message: {
      ko: `신청서 내용이 너무 깁니다(${sizeKb}KB, 최대 ${limitKb}KB). 이 항목을 줄이거나 내용을 첨부 파일로 올려 주세요`,
      en: `the draft is too large (${sizeKb} KB, at most ${limitKb} KB); shorten this field or upload the text as an attachment`,
    },
  };
}

/** Checks the types of what a save carries (not its completeness: a draft may be unfinished). */
export function parseDraftParts(input: { consortium?: unknown; proposal?: unknown }): { consortium?: unknown; proposal?: ProposalDraft; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const tooLarge = draftSizeIssue(input);
  if (tooLarge) return { issues: [tooLarge] };
  let proposal: ProposalDraft | undefined;
  if (input.proposal !== undefined) {
    const p = proposalDraft.safeParse(input.proposal);
    if (p.success) proposal = p.data;
    else issues.push(...zodIssues(p.error, 'proposal'));
  }
  if (input.consortium !== undefined) {
    const c = draftConsortium.safeParse(input.consortium);
    if (!c.success) issues.push(...zodIssues(c.error, 'consortium'));
  }
  return { consortium: input.consortium, proposal, issues };
}

export async function getApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

export async function isMember(db: Db, actor: Actor, app: Pick<ApplicationRow, 'organisationId'>): Promise<boolean> {
  return (await membershipOf(db, app.organisationId, actor.id)) !== null;
}

export type CreateResult = { status: 'invalid'; issues: FieldIssue[] } | { status: 'committed'; application: ApplicationRow };

/** Opens a draft for a call on behalf of an organisation the applicant belongs to; the lead is that organisation. */
export async function createApplication(
  db: Db,
  actor: Actor,
  input: { program: string; call: string; organisationId: string; proposal?: unknown; consortium?: unknown },
): Promise<CreateResult | { status: 'forbidden' }> {
  const call = await resolveCall(db, input.program, input.call);
  if (!call)
    return {
      status: 'invalid',
      issues: [
        {
          field: 'call',
          message: {
            ko: `사업 "${input.program}"에 공모 "${input.call}"${particle(input.call, '이/가')} 없습니다`,
            en: `program "${input.program}" has no call "${input.call}"`,
          },
        },
      ],
    };
  const org = await getOrganisation(db, input.organisationId);
  if (!org) return { status: 'invalid', issues: [{ field: 'organisationId', message: { ko: '기관이 없습니다', en: 'no such organisation' } }] };
  if (!(await membershipOf(db, org.id, actor.id))) return { status: 'forbidden' };
  const parts = parseDraftParts(input);
  if (parts.issues.length) return { status: 'invalid', issues: parts.issues };
  const now = await databaseNow(db);
  const window = acceptsApplicantChanges(callStateAt(call, now), { opens: call.opens, closes: call.closes }, now);
  if (!window.open) return { status: 'invalid', issues: [{ field: 'call', message: window.message }] };
  const over = [...gpuRequestIssues(parts.proposal?.gpuRequest, call.program), ...declarationIssues(parts.proposal ?? {}, call.program.costShare)];
  if (over.length) return { status: 'invalid', issues: over };
  // the lead is the applying organisation's record; participants are records the draft names
  const resolved = await draftConsortiumFor(db, call.program, parts.consortium ?? { participants: [] }, org.id);
  if (!resolved.stored) return { status: 'invalid', issues: resolved.issues };
  const consortium = resolved.stored;
  const proposal = parts.proposal ?? {};
  const application = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({
        programSlug: call.program.slug,
        callKey: call.call.key,
        organisationId: org.id,
        createdBy: actor.id,
        consortium,
        leadKey: leadKeyOf(org),
        proposal,
      })
      .returning();
    await tx
      .insert(applicationVersions)
      .values({ applicationId: row!.id, version: 1, kind: 'draft', baseVersion: null, content: { consortium, proposal }, savedBy: actor.id });
    await appendAudit(tx, actor, {
      action: 'application.create',
      objectType: 'application',
      objectId: row!.id,
      after: { program: call.program.slug, call: call.call.key, organisationId: org.id },
    });
    return row!;
  });
  return { status: 'committed', application };
}

/** Applicants see their organisations' applications; the office sees all (optionally one call's). */
export async function listApplicationsFor(db: Db, actor: Actor): Promise<ApplicationRow[]> {
  if (actor.role === 'operator') return db.select().from(applications).orderBy(desc(applications.updatedAt)).limit(1000);
  const orgIds = await organisationIdsOf(db, actor.id);
  if (orgIds.length === 0) return [];
  return db.select().from(applications).where(inArray(applications.organisationId, orgIds)).orderBy(desc(applications.updatedAt));
}

export type SaveResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'not_editable'; message: { ko: string; en: string } }
  | { status: 'deadline'; reason: 'closed' | 'not_yet_open'; message: { ko: string; en: string } }
  | { status: 'conflict'; currentVersion: number; current: DraftContent; conflictedVersion: number }
  | { status: 'saved'; version: number; savedAt: Date };

/**
 * Saves the form as it stands. The row lock on the application orders concurrent saves; a save
 * based on an older version does not overwrite anything — it is stored as a `conflicted` version
 * (its author's work kept) and the answer carries the current version to merge with.
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  parts: { consortium?: unknown; proposal?: ProposalDraft },
  restoredFrom?: number,
): Promise<SaveResult> {
  const result = await saveDraftInTx(db, actor, id, baseVersion, parts, restoredFrom);
  // PostgreSQL's autovacuum reuses the space of pruned versions; PGlite has none, so every few saves
  if (result.status === 'saved' && result.version % VACUUM_EVERY === 0 && isEmbedded(db)) await db.execute(sql`vacuum application_versions`);
  return result;
}

const VACUUM_EVERY = 20;

async function saveDraftInTx(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  parts: { consortium?: unknown; proposal?: ProposalDraft },
  restoredFrom?: number,
): Promise<SaveResult> {
  return db.transaction(async (tx): Promise<SaveResult> => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!app) return { status: 'invalid', issues: [{ field: 'id', message: { ko: '신청서가 없습니다', en: 'no such application' } }] };
    const editable = checkTransition(app.status, 'edit');
    if (!editable.ok) return { status: 'not_editable', message: editable.message };
    const call = await resolveCall(tx, app.programSlug, app.callKey);
    if (call) {
      const now = await databaseNow(tx);
      const window = acceptsApplicantChanges(callStateAt(call, now), { opens: call.opens, closes: call.closes, extendedUntil: app.extendedUntil }, now);
      if (!window.open) return { status: 'deadline', reason: window.reason, message: window.message };
      const over = parts.proposal
        ? [...gpuRequestIssues(parts.proposal.gpuRequest, call.program), ...declarationIssues(parts.proposal, call.program.costShare)]
        : [];
      if (over.length) return { status: 'invalid', issues: over };
    }
    const seq = app.lastSeq + 1;
    const judgement = judgeDraftSave(app.currentVersion, baseVersion);
    if (judgement.outcome === 'conflict') {
      // the losing edit is laid over the version its author was looking at, so it is whole
      const [base] = await tx
        .select()
        .from(applicationVersions)
        .where(and(eq(applicationVersions.applicationId, id), eq(applicationVersions.version, baseVersion)));
      const seen = (base?.content as DraftContent | undefined) ?? { consortium: app.consortium, proposal: app.proposal };
      const content: DraftContent = { consortium: parts.consortium ?? seen.consortium, proposal: parts.proposal ?? seen.proposal };
      await tx.insert(applicationVersions).values({ applicationId: id, version: seq, kind: 'conflicted', baseVersion, content, savedBy: actor.id });
      await tx.update(applications).set({ lastSeq: seq }).where(eq(applications.id, id));
      await pruneVersions(tx, id, 'conflicted');
      await appendAudit(tx, actor, {
        action: 'application.draft.conflict',
        objectType: 'application',
        objectId: id,
        after: { version: seq, baseVersion, latest: app.currentVersion },
      });
      return {
        status: 'conflict',
        currentVersion: app.currentVersion,
        current: { consortium: app.consortium, proposal: app.proposal },
        conflictedVersion: seq,
      };
    }
    const content: DraftContent = { consortium: parts.consortium ?? app.consortium, proposal: parts.proposal ?? app.proposal };
    const [row] = await tx
      .insert(applicationVersions)
      .values({ applicationId: id, version: seq, kind: 'draft', baseVersion, content, savedBy: actor.id })
      .returning({ savedAt: applicationVersions.savedAt });
    await tx
      .update(applications)
      .set({ lastSeq: seq, currentVersion: seq, consortium: content.consortium, proposal: content.proposal, updatedAt: sql`now()` })
      .where(eq(applications.id, id));
    await pruneVersions(tx, id, 'draft');
    await appendAudit(tx, actor, {
      action: restoredFrom ? 'application.draft.restore' : 'application.draft.save',
      objectType: 'application',
      objectId: id,
      after: { version: seq, baseVersion, ...(restoredFrom ? { restoredFrom } : {}) },
    });
    return { status: 'saved', version: seq, savedAt: row!.savedAt };
  });
}

/**
 * Drops superseded saves of one kind beyond the newest few: an autosaving form would otherwise keep
 * every copy of a large draft forever. Submitted versions are never touched.
 */
async function pruneVersions(tx: Tx, id: string, kind: 'draft' | 'conflicted'): Promise<void> {
  await tx.execute(sql`delete from application_versions
    where application_id = ${id} and kind = ${kind} and version < (
      select min(version) from (select version from application_versions where application_id = ${id} and kind = ${kind} order by version desc limit ${kind === 'draft' ? DRAFT_VERSIONS_KEPT : CONFLICTED_VERSIONS_KEPT}) newest)`);
}

export async function listVersions(db: Db, id: string) {
  return db
    .select({
      version: applicationVersions.version,
      kind: applicationVersions.kind,
      baseVersion: applicationVersions.baseVersion,
      hash: applicationVersions.hash,
      savedBy: applicationVersions.savedBy,
      savedAt: applicationVersions.savedAt,
    })
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, id))
    .orderBy(asc(applicationVersions.version));
}

export async function getVersion(db: Db, id: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(applicationVersions)
    .where(and(eq(applicationVersions.applicationId, id), eq(applicationVersions.version, version)));
  return row;
}

export async function listAttachments(db: Db, id: string) {
  return db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.applicationId, id), eq(applicationAttachments.removed, false)))
    .orderBy(asc(applicationAttachments.uploadedAt));
}
