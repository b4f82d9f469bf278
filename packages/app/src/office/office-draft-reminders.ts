import { asc, eq, inArray } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { applications, organisationMembers, organisations, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { resolveCall, type ResolvedCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { notifyAll } from '../notifications/notify.ts';

export interface BulkRemindInput {
  applications: string[];
  mode: 'preview' | 'commit';
  reason: string;
}

export interface BulkRemindItem {
  id: string;
  title: string | null;
  organisationName: string | null;
  call: LocalizedText | null;
  closesAt: string | null;
  /** `send` is reminded on commit; the others are left out: submitted or withdrawn, the call already closed, nobody to tell, no such application */
  outcome: 'send' | 'not-draft' | 'call-closed' | 'no-recipients' | 'missing';
  /** who gets it: the members of the applying organisation */
  recipients: { name: string; email: string }[];
}

export type BulkRemindResult = { status: 'preview' | 'committed'; items: BulkRemindItem[]; applications: number; recipients: number };

/**
 * Reminds the applicants of drafts that their call closes soon (inbox and mail, in each person's
 * language). The preview names every application and who would be told; the commit tells them,
 * with one audit entry per application reminded. Applications that were submitted, whose call has
 * closed, or that have nobody to tell are left out and said so.
 */
export async function bulkRemindDrafts(db: Db, actor: Actor, input: BulkRemindInput): Promise<BulkRemindResult> {
  return db.transaction(async (tx) => {
    const ids = [...new Set(input.applications)];
    const now = await databaseNow(tx);
    const rows = await tx
      .select({ app: applications, organisationName: organisations.nameKo })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(inArray(applications.id, ids))
      .orderBy(asc(applications.id));
    const members = rows.length
      ? await tx
          .selectDistinct({ organisationId: organisationMembers.organisationId, userId: user.id, name: user.name, email: user.email })
          .from(organisationMembers)
          .innerJoin(user, eq(user.id, organisationMembers.userId))
          .where(inArray(organisationMembers.organisationId, [...new Set(rows.map((r) => r.app.organisationId))]))
          .orderBy(asc(user.email))
      : [];
    const calls = new Map<string, ResolvedCall | undefined>();
    const byId = new Map(rows.map((r) => [r.app.id, r]));
    const items: (BulkRemindItem & { userIds: string[] })[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) {
        items.push({ id, title: null, organisationName: null, call: null, closesAt: null, outcome: 'missing', recipients: [], userIds: [] });
        continue;
      }
      const key = `${r.app.programSlug}/${r.app.callKey}`;
      if (!calls.has(key)) calls.set(key, await resolveCall(tx, r.app.programSlug, r.app.callKey));
      const call = calls.get(key);
      const closes = call && r.app.extendedUntil && r.app.extendedUntil > call.closes ? r.app.extendedUntil : call?.closes;
      const to = members.filter((m) => m.organisationId === r.app.organisationId);
      const outcome = r.app.status !== 'draft' ? 'not-draft' : !closes || closes <= now ? 'call-closed' : to.length === 0 ? 'no-recipients' : 'send';
      items.push({
        id,
        title: (r.app.proposal as ProposalDraft | null)?.title ?? null,
        organisationName: r.organisationName,
        call: call?.call.name ?? null,
        closesAt: closes?.toISOString() ?? null,
        outcome,
        recipients: to.map((m) => ({ name: m.name, email: m.email })),
        userIds: to.map((m) => m.userId),
      });
    }
    const sending = items.filter((i) => i.outcome === 'send');
    const recipients = sending.reduce((n, i) => n + i.recipients.length, 0);
    const shown = items.map(({ userIds: _, ...i }) => i);
    if (input.mode === 'preview') return { status: 'preview' as const, items: shown, applications: sending.length, recipients };
    for (const i of sending) {
      const notice = { kind: 'reminder-call-closing' as const, params: { call: i.call!, title: i.title ?? '', closesAt: i.closesAt! } };
      await notifyAll(
        tx,
        i.userIds.map((userId) => ({ userId })),
        { notice, link: `/applications/${i.id}` },
      );
    }
    // the audit rows last: appending holds the audit head until the transaction commits
    for (const i of sending) {
      await appendAudit(tx, actor, {
        action: 'application.remind',
        objectType: 'application',
        objectId: i.id,
        before: { recipients: [] },
        after: { closes: i.closesAt, recipients: i.recipients.map((p) => p.email) },
        reason: input.reason,
      });
    }
    return { status: 'committed' as const, items: shown, applications: sending.length, recipients };
  });
}
