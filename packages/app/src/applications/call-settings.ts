import { and, eq } from 'drizzle-orm';
import type { FormConfigPatch } from '@stagegate/core/application/form-config';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { callSettings } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveCall } from './call-catalog.ts';
import { windowOverrideIssue } from '@stagegate/core/call/call-state';
import { particle } from '@stagegate/core/shared/korean-particles';

export interface CallSettingsInput {
  form?: FormConfigPatch;
  /** null clears the override and returns to the program's published window */
  opens?: Date | null;
  closes?: Date | null;
  reason: string;
}

/** The office configures a call's form and, when it must, its window; each change audited with its reason. */
export async function updateCallSettings(
  db: Db,
  actor: Actor | null,
  program: string,
  call: string,
  input: CallSettingsInput,
): Promise<{ status: 'invalid'; issues: FieldIssue[] } | { status: 'committed' }> {
  const resolved = await resolveCall(db, program, call);
  if (!resolved)
    return {
      status: 'invalid',
      issues: [{ field: 'call', message: { ko: `공모 ${program}/${call}${particle(call, '이/가')} 없습니다`, en: `no call ${program}/${call}` } }],
    };
  const [existing] = await db
    .select()
    .from(callSettings)
    .where(and(eq(callSettings.programSlug, program), eq(callSettings.callKey, call)));
  const locked = (input.opens !== undefined || input.closes !== undefined) && windowOverrideIssue(existing?.state ?? null);
  if (locked) return { status: 'invalid', issues: [{ field: input.closes !== undefined ? 'closes' : 'opens', message: locked }] };
  const next = {
    form: { ...(existing?.form ?? {}), ...(input.form ?? {}), fields: { ...(existing?.form?.fields ?? {}), ...(input.form?.fields ?? {}) } } as FormConfigPatch,
    opensOverride: input.opens === undefined ? (existing?.opensOverride ?? null) : input.opens,
    closesOverride: input.closes === undefined ? (existing?.closesOverride ?? null) : input.closes,
  };
  const opens = next.opensOverride ?? new Date(resolved.call.opens);
  const closes = next.closesOverride ?? new Date(resolved.call.closes);
  if (closes <= opens)
    return { status: 'invalid', issues: [{ field: 'closes', message: { ko: '마감은 접수 시작 이후여야 합니다', en: 'the call must close after it opens' } }] };
  await db.transaction(async (tx) => {
    await tx
      .insert(callSettings)
      .values({ programSlug: program, callKey: call, ...next, overrideReason: input.reason, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [callSettings.programSlug, callSettings.callKey], set: { ...next, overrideReason: input.reason, updatedAt: new Date() } });
    await appendAudit(tx, actor, {
      action: 'call.settings.update',
      objectType: 'call',
      objectId: `${program}/${call}`,
      before: existing ? { form: existing.form, opens: existing.opensOverride, closes: existing.closesOverride } : null,
      after: { form: next.form, opens: next.opensOverride, closes: next.closesOverride },
      reason: input.reason,
    });
  });
  return { status: 'committed' };
}
