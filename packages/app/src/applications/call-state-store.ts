import { and, eq } from 'drizzle-orm';
import { callStateLabels, planCallTransition, type CallAction, type CallState, type CallWindow } from '@stagegate/core/call/call-state';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Tx } from '../db/connect.ts';
import { callSettings } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveCall } from './call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { particle } from '@stagegate/core/shared/korean-particles';
import { formatSeoulMinute } from '@stagegate/core/shared/seoul-time';

export type CallStep = { ok: true; from: CallState; to: CallState; window: CallWindow } | { ok: false; field: string; message: LocalizedText };

const iso = (d: Date) => d.toISOString();

/**
 * Takes one step of a call inside the caller's transaction: the call's settings row is locked, the
 * step judged by core against the recorded state, the window and the database's clock, and
 * written with its audit row. A deadline nobody recorded is recorded as its own close first, so
 * the log shows when the call closed and who noticed.
 */
export async function recordCallStep(
  tx: Tx,
  actor: Actor | null,
  programSlug: string,
  callKey: string,
  action: CallAction,
  reason: string,
  input: { closes?: Date } = {},
): Promise<CallStep> {
  await tx.insert(callSettings).values({ programSlug, callKey }).onConflictDoNothing();
  await tx
    .select({ k: callSettings.callKey })
    .from(callSettings)
    .where(and(eq(callSettings.programSlug, programSlug), eq(callSettings.callKey, callKey)))
    .for('update');
  const call = await resolveCall(tx, programSlug, callKey);
  if (!call)
    return {
      ok: false,
      field: 'call',
      message: { ko: `공모 ${programSlug}/${callKey}${particle(callKey, '이/가')} 없습니다`, en: `no call ${programSlug}/${callKey}` },
    };
  const now = await databaseNow(tx);
  const window = { opens: call.opens, closes: call.closes };
  const plan = planCallTransition(call.recorded, window, now, action, input);
  if (!plan.ok) return plan;
  const objectId = `${programSlug}/${callKey}`;
  if (plan.recordsCloseFirst) {
    await appendAudit(tx, actor, {
      action: 'call.close',
      objectType: 'call',
      objectId,
      before: { state: 'open', closes: iso(window.closes) },
      after: { state: 'closed', closes: iso(window.closes) },
      reason: `the deadline ${iso(window.closes)} passed; recorded when "${action}" was asked`,
    });
  }
  const windowMoved = plan.window.opens.getTime() !== window.opens.getTime() || plan.window.closes.getTime() !== window.closes.getTime();
  await tx
    .update(callSettings)
    .set({
      state: plan.to,
      stateChangedAt: now,
      ...(windowMoved ? { opensOverride: plan.window.opens, closesOverride: plan.window.closes, overrideReason: reason } : {}),
      updatedAt: now,
    })
    .where(and(eq(callSettings.programSlug, programSlug), eq(callSettings.callKey, callKey)));
  await appendAudit(tx, actor, {
    action: `call.${action.replace('_', '-')}`,
    objectType: 'call',
    objectId,
    before: { state: plan.from, opens: iso(window.opens), closes: iso(window.closes) },
    after: { state: plan.to, opens: iso(plan.window.opens), closes: iso(plan.window.closes) },
    reason,
  });
  return { ok: true, from: plan.from, to: plan.to, window: plan.window };
}

/** The office's reading of a step: what the call becomes, in both languages, for the preview. */
export function describeStep(from: CallState, to: CallState, window: CallWindow): LocalizedText {
  const f = callStateLabels[from];
  const t = callStateLabels[to];
  const seoul = formatSeoulMinute(window.closes);
  return { ko: `공모 상태 변경: ${f.ko} → ${t.ko} (마감: ${seoul} KST)`, en: `the call goes from ${f.en} to ${t.en} (closes ${seoul} KST)` };
}
