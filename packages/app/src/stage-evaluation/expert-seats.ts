import { and, eq, inArray } from 'drizzle-orm';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { stageEvaluationExperts, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { loadEvaluation, touchEvaluation } from './evaluation-store.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';

/** The label under which this account sits on the evaluation's panel, or null without a seat. */
export async function seatOf(db: Db, evaluationId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ label: stageEvaluationExperts.label })
    .from(stageEvaluationExperts)
    .where(and(eq(stageEvaluationExperts.evaluationId, evaluationId), eq(stageEvaluationExperts.userId, userId)));
  return row?.label ?? null;
}

/** The evaluations this account sits on. */
export async function seatedEvaluationIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.select({ id: stageEvaluationExperts.evaluationId }).from(stageEvaluationExperts).where(eq(stageEvaluationExperts.userId, userId));
  return new Set(rows.map((r) => r.id));
}

export async function listSeats(db: Db, evaluationId: string) {
  return db
    .select({ email: user.email, name: user.name, label: stageEvaluationExperts.label })
    .from(stageEvaluationExperts)
    .innerJoin(user, eq(user.id, stageEvaluationExperts.userId))
    .where(eq(stageEvaluationExperts.evaluationId, evaluationId))
    .orderBy(stageEvaluationExperts.label);
}

export interface SeatInput {
  email: string;
  label: string;
}

/**
 * The office seats the panel members who have accounts (reviewer accounts) on an open evaluation,
 * replacing the previous seats. Each label is the name their scores carry, so it is unique.
 */
export async function putSeats(db: Db, actor: Actor, id: string, seats: SeatInput[], mode: MutationMode): Promise<StageMutation<{ seats: SeatInput[] }>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  if (loaded.evaluation.status !== 'open')
    return invalidResult(issue('status', '결정이 확정되어 위원을 바꿀 수 없습니다', 'the decision is confirmed; the panel can no longer change'));
  const emails = seats.map((s) => s.email.trim().toLowerCase());
  const accounts = emails.length ? await db.select({ id: user.id, email: user.email, role: user.role }).from(user).where(inArray(user.email, emails)) : [];
  const byEmail = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));
  const issues: FieldIssue[] = [];
  const labels = new Set<string>();
  const rows = seats.flatMap((s, i) => {
    const account = byEmail.get(emails[i]!);
    const label = s.label.trim();
    if (!account) issues.push(issue(`seats.${i}.email`, '이 전자우편의 계정이 없습니다', 'no account has this e-mail'));
    else if (account.role !== 'reviewer')
      issues.push(issue(`seats.${i}.email`, '심사위원 계정만 위원으로 지정할 수 있습니다', 'only reviewer accounts can sit on the panel'));
    if (!label) issues.push(issue(`seats.${i}.label`, '위원 표시 이름이 필요합니다', 'give the label their scores carry'));
    else if (labels.has(label)) issues.push(issue(`seats.${i}.label`, '같은 표시 이름이 두 번 있습니다', 'the label is used twice'));
    labels.add(label);
    return account && label ? [{ evaluationId: id, userId: account.id, label, seatedBy: actor.id }] : [];
  });
  if (new Set(rows.map((r) => r.userId)).size !== rows.length) issues.push(issue('seats', '같은 계정이 두 번 있습니다', 'an account is seated twice'));
  if (issues.length) return invalidResult(...issues);
  const result = seats.map((s) => ({ email: s.email.trim().toLowerCase(), label: s.label.trim() }));
  if (mode !== 'commit') return answer(mode, { seats: result });
  await db.transaction(async (tx) => {
    const before = await tx.select().from(stageEvaluationExperts).where(eq(stageEvaluationExperts.evaluationId, id));
    await tx.delete(stageEvaluationExperts).where(eq(stageEvaluationExperts.evaluationId, id));
    if (rows.length) await tx.insert(stageEvaluationExperts).values(rows);
    await touchEvaluation(tx, id);
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.experts',
      objectType: 'stageEvaluation',
      objectId: id,
      before: before.map((b) => ({ userId: b.userId, label: b.label })),
      after: rows.map((r) => ({ userId: r.userId, label: r.label })),
    });
  });
  return { status: 'committed', seats: result };
}
