import type { CallAction, CallState } from '@stagegate/core/call/call-state';
import { planCallTransition } from '@stagegate/core/call/call-state';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { loadReviewCall } from '../review/review-call.ts';
import { publicationOutline, publishResults, undecidedRefusal } from '../review/selection-service.ts';
import { resolveCall } from './call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { describeStep, recordCallStep } from './call-state-store.ts';
import { draftsLeftOnCall } from './drafts-left.ts';

export interface CallStepInput {
  action: CallAction;
  reason: string;
  /** for `open` only: the close instant (else the call's own) */
  closes?: Date;
  mode: 'preview' | 'commit';
}

export type CallStepResult =
  | { status: 'not_found' }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'refused'; field: string; message: LocalizedText }
  | {
      status: 'preview' | 'committed';
      from: CallState;
      to: CallState;
      opens: string;
      closes: string;
      change: LocalizedText;
      /** publishing: the decisions that become public */
      publishes?: { selected: number; reserve: number; rejected: number; noSelection: { label: LocalizedText; reason: string; at: Date | null } | null };
      /** closing an open call early: the drafts that could no longer be submitted */
      draftsLeft?: { count: number; organisations: LocalizedText[] };
    };

/**
 * The office's steps of a call — open, close early, start review, publish (or withdraw) results —
 * validated by core, previewed, and committed with an audit row naming the reason. Publishing goes
 * through the selection's publication, which needs every application decided.
 */
export async function changeCallState(db: Db, actor: Actor, programSlug: string, callKey: string, input: CallStepInput): Promise<CallStepResult> {
  const call = await resolveCall(db, programSlug, callKey);
  if (!call) return { status: 'not_found' };
  // the preview asks nothing of the office; the step itself is recorded with its reason
  if (input.mode === 'commit' && input.reason.trim() === '')
    return { status: 'invalid', issues: [{ field: 'reason', message: { ko: '사유를 적어 주세요', en: 'give a reason' } }] };
  const now = await databaseNow(db);
  const plan = planCallTransition(call.recorded, { opens: call.opens, closes: call.closes }, now, input.action, input.closes ? { closes: input.closes } : {});
  if (!plan.ok) return { status: 'refused', field: plan.field, message: plan.message };
  const answer = (status: 'preview' | 'committed', step: { from: CallState; to: CallState; window: { opens: Date; closes: Date } }): CallStepResult => ({
    status,
    from: step.from,
    to: step.to,
    opens: step.window.opens.toISOString(),
    closes: step.window.closes.toISOString(),
    change: describeStep(step.from, step.to, step.window),
  });
  if (input.mode === 'preview') {
    if (input.action === 'close' && plan.from === 'open')
      return { ...answer('preview', plan), draftsLeft: await draftsLeftOnCall(db, programSlug, callKey) } as CallStepResult;
    if (input.action !== 'publish_results') return answer('preview', plan);
    const review = await loadReviewCall(db, programSlug, callKey);
    if (!review) return { status: 'not_found' };
    const { undecided, ...publishes } = await publicationOutline(db, review);
    if (undecided.length) return { status: 'refused', field: 'action', message: undecidedRefusal(undecided) };
    return { ...answer('preview', plan), publishes } as CallStepResult;
  }
  if (input.action === 'publish_results' || input.action === 'withdraw_results') {
    const review = await loadReviewCall(db, programSlug, callKey);
    if (!review) return { status: 'not_found' };
    const res = await publishResults(db, actor, review, input.action === 'publish_results', input.reason);
    if (res.status === 'refused') return { status: 'refused', field: 'action', message: res.message };
    return answer('committed', plan);
  }
  const step = await db.transaction(async (tx) =>
    recordCallStep(tx, actor, programSlug, callKey, input.action, input.reason.trim(), input.closes ? { closes: input.closes } : {}),
  );
  if (!step.ok) return { status: 'refused', field: step.field, message: step.message };
  return answer('committed', step);
}
