import { and, eq, ne } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import type { Db } from '../db/connect.ts';
import { applications, organisations } from '../db/schema/index.ts';
import { judgeConsortium } from '../applications/eligibility-service.ts';
import { callStateAt, resolveCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { callStateLabels, type CallState } from '@stagegate/core/call/call-state';

/** An application whose verdict an edit of the eligibility rules would turn. */
export interface VerdictChange {
  applicationId: string;
  receiptNo: string | null;
  title: string | null;
  lead: LocalizedText;
  status: string;
  before: boolean;
  after: boolean;
  /** the rules that newly fail (or newly pass) under the edit */
  rules: { id: string; message: LocalizedText }[];
  /** the office's own verdict stands whatever the rules say */
  overridden: boolean;
  /** the call the application was made to, and its state by the database clock (an open call's applicants can still act) */
  call: { key: string; name: LocalizedText; state: CallState | null; stateLabel: LocalizedText | null; open: boolean };
}

/** The preview judges at most this many applications; more are counted, not judged. */
export const IMPACT_LIMIT = 2000;

/**
 * Which current applications of the program (drafts and submitted; not withdrawn), those of its
 * open calls first and each with its call's state, would change verdict if the eligibility rules became `next`: each judged under both rule sets with the
 * registry's facts of today, so the office sees who it would turn away — or let in — before saving.
 * Null when the edit leaves the rules as they are.
 */
export async function eligibilityImpact(
  db: Db,
  current: ProgramDefinition,
  next: ProgramDefinition,
  changedFields: readonly string[],
): Promise<{ changes: VerdictChange[]; judged: number; notJudged: number } | null> {
  if (!changedFields.some((f) => f === 'eligibility' || f.startsWith('eligibility.'))) return null;
  const rows = await db
    .select({ app: applications, leadKo: organisations.nameKo, leadEn: organisations.nameEn })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(applications.programSlug, current.slug), ne(applications.status, 'withdrawn')))
    .orderBy(applications.createdAt)
    .limit(IMPACT_LIMIT + 1);
  const judged = rows.slice(0, IMPACT_LIMIT);
  const now = await databaseNow(db);
  const calls = new Map<string, VerdictChange['call']>();
  for (const key of new Set(judged.map((r) => r.app.callKey))) {
    const resolved = await resolveCall(db, current.slug, key);
    const named = current.calls.find((c) => c.key === key);
    const state = resolved ? callStateAt(resolved, now) : null;
    calls.set(key, { key, name: named?.name ?? { ko: key, en: key }, state, stateLabel: state ? callStateLabels[state] : null, open: state === 'open' });
  }
  const changes: VerdictChange[] = [];
  for (const { app, leadKo, leadEn } of judged) {
    const opts = { leadOrganisationId: app.organisationId, call: app.callKey, applicationId: app.id };
    const before = await judgeConsortium(db, current, app.consortium, opts);
    const after = await judgeConsortium(db, next, app.consortium, opts);
    const was = before.verdict?.eligible ?? false;
    const will = after.verdict?.eligible ?? false;
    if (was === will) continue;
    const failedBefore = new Set(before.verdict?.rules.filter((r) => !r.passed).map((r) => r.id) ?? []);
    const turned = (after.verdict?.rules ?? []).filter((r) => (will ? failedBefore.has(r.id) : !r.passed && !failedBefore.has(r.id)));
    changes.push({
      applicationId: app.id,
      receiptNo: app.receiptNo,
      title: (app.proposal as { title?: string }).title ?? null,
      lead: { ko: leadKo, en: leadEn },
      status: app.status,
      before: was,
      after: will,
      rules: turned.map((r) => ({ id: r.id, message: r.message })),
      overridden: app.eligibilityOverride != null,
      call: calls.get(app.callKey)!,
    });
  }
  // applications of open calls first: their applicants can still act on the new verdict
  changes.sort((a, b) => Number(b.call.open) - Number(a.call.open));
  return { changes, judged: judged.length, notJudged: Math.max(0, rows.length - IMPACT_LIMIT) };
}
