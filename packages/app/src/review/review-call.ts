import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { schemeForRound, type SelectionScheme } from '@stagegate/core/selection/selection-scheme';
import type { Consortium } from '@stagegate/core/eligibility/consortium';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import { checkRounds } from '@stagegate/core/selection/round-weights';
import type { Db, Tx } from '../db/connect.ts';
import { applications, reviewAssignments, reviewCallConfig, reviewRounds, type AggregationConfig } from '../db/schema/index.ts';
import { getProgram } from '../programs/program-store.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { taskSlotsOf } from '@stagegate/core/selection/task-slots';

export type ConfigRow = typeof reviewCallConfig.$inferSelect;
export type RoundRow = typeof reviewRounds.$inferSelect;

/** A round's criteria: its own when the program gives them, else the call's. */
export const roundScheme = (call: ReviewCall, round: Pick<RoundRow, 'key'>): SelectionScheme => schemeForRound(call.program, call.callKey, round.key);

/** A call under review: its program, the review configuration (defaults until the office saves one) and its rounds. */
export interface ReviewCall {
  programSlug: string;
  callKey: string;
  program: ProgramDefinition;
  config: Omit<ConfigRow, 'updatedAt'>;
  rounds: RoundRow[];
}

export const defaultAggregation: AggregationConfig = { method: 'trimmed', trimMinReviewers: 5, zScore: false };
const defaultRounds: { key: string; name: LocalizedText; weight: number; reviewsPerProposal: number }[] = [
  { key: 'documents', name: { ko: '서면 평가', en: 'Document review' }, weight: 1, reviewsPerProposal: 3 },
];

/** The rounds a call's review starts with: the program's (documents, presentation …), else one documents round. */
async function initialRounds(tx: Tx, programSlug: string, callKey: string) {
  const program = await getProgram(tx, programSlug);
  const rounds = program?.definition.calls.find((c) => c.key === callKey)?.selectionRounds;
  return rounds?.length ? rounds.map((r) => ({ key: r.key, name: r.name, weight: r.weight, reviewsPerProposal: r.reviewsPerProposal })) : defaultRounds;
}

/** The tasks the call funds — its selection's limit and the keys registered for them (core's taskSlotsOf: the call's slots, an additional call's, else the program's count). */
export function callSlots(call: ReviewCall) {
  return taskSlotsOf(
    call.program,
    call.program.calls.find((c) => c.key === call.callKey)!,
  );
}

export async function loadReviewCall(db: Db | Tx, programSlug: string, callKey: string): Promise<ReviewCall | undefined> {
  const program = await getProgram(db as Db, programSlug);
  if (!program || !program.definition.calls.some((c) => c.key === callKey)) return undefined;
  const [config] = await db
    .select()
    .from(reviewCallConfig)
    .where(and(eq(reviewCallConfig.programSlug, programSlug), eq(reviewCallConfig.callKey, callKey)));
  const rounds = await db
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.programSlug, programSlug), eq(reviewRounds.callKey, callKey)))
    .orderBy(asc(reviewRounds.position));
  return {
    programSlug,
    callKey,
    program: program.definition,
    config: config ?? {
      programSlug,
      callKey,
      blind: false,
      conflictYears: 3,
      aggregation: defaultAggregation,
      publishedAt: null,
      publishedBy: null,
      noSelectionReason: null,
      noSelectionAt: null,
      noSelectionBy: null,
      revision: 0,
    },
    rounds,
  };
}

/**
 * The first change to a call's review writes its configuration and the program's rounds (or one
 * documents round), in the caller's transaction, so every later row has a round to hang on.
 */
export async function ensureReviewSetup(tx: Tx, actor: Actor | null, programSlug: string, callKey: string): Promise<RoundRow[]> {
  const inserted = await tx.insert(reviewCallConfig).values({ programSlug, callKey }).onConflictDoNothing().returning();
  let rounds = await tx
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.programSlug, programSlug), eq(reviewRounds.callKey, callKey)))
    .orderBy(asc(reviewRounds.position));
  if (rounds.length === 0) {
    rounds = await tx
      .insert(reviewRounds)
      .values(
        (await initialRounds(tx, programSlug, callKey)).map((r, i) => ({
          programSlug,
          callKey,
          key: r.key,
          name: r.name,
          weight: r.weight,
          reviewsPerProposal: r.reviewsPerProposal,
          position: i,
        })),
      )
      .returning();
  }
  if (inserted.length) {
    await appendAudit(tx, actor, {
      action: 'review.setup',
      objectType: 'review-call',
      objectId: `${programSlug}/${callKey}`,
      after: { config: inserted[0], rounds: rounds.map((r) => r.key) },
    });
  }
  return rounds;
}

export interface ReviewConfigInput {
  blind: boolean;
  conflictYears: number;
  aggregation: AggregationConfig;
  /** `dueAt` absent keeps the round's due instant, null clears it */
  rounds: { key: string; name: LocalizedText; weight: number; reviewsPerProposal: number; dueAt?: string | null }[];
  expectedRevision: number;
  reason?: string;
}

/** Blind or not, conflict look-back, aggregation and rounds; a round with assignments cannot be dropped. */
export async function updateReviewConfig(
  db: Db,
  actor: Actor,
  call: ReviewCall,
  input: ReviewConfigInput,
): Promise<{ status: 'invalid'; issues: FieldIssue[] } | { status: 'conflict'; message: string } | { status: 'committed'; revision: number }> {
  const issues = checkRounds(input.rounds);
  if (input.conflictYears < 0 || input.conflictYears > 30)
    issues.push({ field: 'conflictYears', message: { ko: '이해충돌 기간은 0–30년입니다', en: 'the conflict look-back is 0–30 years' } });
  if (input.aggregation.trimMinReviewers < 3)
    issues.push({
      field: 'aggregation.trimMinReviewers',
      message: { ko: '최고·최저점 제외는 평가위원 3명 이상일 때만 가능합니다', en: 'trimming needs at least 3 reviewers' },
    });
  if (issues.length) return { status: 'invalid', issues };
  return db.transaction(async (tx) => {
    await ensureReviewSetup(tx, actor, call.programSlug, call.callKey);
    const [config] = await tx
      .select()
      .from(reviewCallConfig)
      .where(and(eq(reviewCallConfig.programSlug, call.programSlug), eq(reviewCallConfig.callKey, call.callKey)))
      .for('update');
    if (input.expectedRevision !== 0 && config!.revision !== input.expectedRevision)
      return { status: 'conflict' as const, message: `the review settings were changed by someone else (revision ${config!.revision})` };
    const existing = await tx
      .select()
      .from(reviewRounds)
      .where(and(eq(reviewRounds.programSlug, call.programSlug), eq(reviewRounds.callKey, call.callKey)));
    // a closed round decided who entered the rounds after it: it keeps its place
    const moved = existing.find((r) => r.closedAt && input.rounds.findIndex((x) => x.key === r.key) !== r.position);
    if (moved)
      return {
        status: 'invalid' as const,
        issues: [
          {
            field: 'rounds',
            message: {
              ko: `마감된 평가 단계 "${moved.name.ko}"는 빼거나 순서를 바꿀 수 없습니다`,
              en: `round "${moved.name.en}" is closed and cannot be removed or moved`,
            },
          },
        ],
      };
    const keep = new Set(input.rounds.map((r) => r.key));
    const dropped = existing.filter((r) => !keep.has(r.key));
    if (dropped.length) {
      const used = await tx
        .select({ roundId: reviewAssignments.roundId })
        .from(reviewAssignments)
        .where(
          inArray(
            reviewAssignments.roundId,
            dropped.map((r) => r.id),
          ),
        )
        .limit(1);
      if (used.length) {
        const r = dropped.find((d) => d.id === used[0]!.roundId)!;
        return {
          status: 'invalid' as const,
          issues: [
            {
              field: 'rounds',
              message: { ko: `배정이 있는 평가 단계 "${r.name.ko}"는 삭제할 수 없습니다`, en: `round "${r.name.en}" has assignments and cannot be removed` },
            },
          ],
        };
      }
      await tx.delete(reviewRounds).where(
        inArray(
          reviewRounds.id,
          dropped.map((r) => r.id),
        ),
      );
    }
    for (const [i, r] of input.rounds.entries()) {
      await tx
        .insert(reviewRounds)
        .values({
          programSlug: call.programSlug,
          callKey: call.callKey,
          key: r.key,
          name: r.name,
          weight: r.weight,
          reviewsPerProposal: r.reviewsPerProposal,
          position: i,
          dueAt: r.dueAt ? new Date(r.dueAt) : null,
        })
        .onConflictDoUpdate({
          target: [reviewRounds.programSlug, reviewRounds.callKey, reviewRounds.key],
          set: {
            name: r.name,
            weight: r.weight,
            reviewsPerProposal: r.reviewsPerProposal,
            position: i,
            ...(r.dueAt !== undefined ? { dueAt: r.dueAt ? new Date(r.dueAt) : null } : {}),
          },
        });
    }
    const [row] = await tx
      .update(reviewCallConfig)
      .set({ blind: input.blind, conflictYears: input.conflictYears, aggregation: input.aggregation, revision: config!.revision + 1, updatedAt: new Date() })
      .where(and(eq(reviewCallConfig.programSlug, call.programSlug), eq(reviewCallConfig.callKey, call.callKey)))
      .returning();
    await appendAudit(tx, actor, {
      action: 'review.configure',
      objectType: 'review-call',
      objectId: `${call.programSlug}/${call.callKey}`,
      before: {
        blind: config!.blind,
        conflictYears: config!.conflictYears,
        aggregation: config!.aggregation,
        rounds: existing.map((r) => ({ key: r.key, weight: r.weight, reviewsPerProposal: r.reviewsPerProposal, dueAt: r.dueAt?.toISOString() ?? null })),
      },
      after: {
        blind: input.blind,
        conflictYears: input.conflictYears,
        aggregation: input.aggregation,
        rounds: input.rounds.map((r) => ({
          key: r.key,
          weight: r.weight,
          reviewsPerProposal: r.reviewsPerProposal,
          ...(r.dueAt !== undefined ? { dueAt: r.dueAt } : {}),
        })),
      },
      reason: input.reason ?? null,
    });
    return { status: 'committed' as const, revision: row!.revision };
  });
}

/** A submitted application as review needs it. */
export interface ReviewedApplication {
  id: string;
  organisationId: string;
  receiptNo: string | null;
  submittedAt: Date | null;
  consortium: Consortium;
  proposal: ProposalDraft;
  createdBy: string | null;
}

export async function submittedApplications(db: Db | Tx, programSlug: string, callKey: string): Promise<ReviewedApplication[]> {
  const rows = await db
    .select()
    .from(applications)
    .where(and(eq(applications.programSlug, programSlug), eq(applications.callKey, callKey), eq(applications.status, 'submitted')))
    .orderBy(asc(applications.receiptNo), asc(applications.id));
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisationId,
    receiptNo: r.receiptNo,
    submittedAt: r.submittedAt,
    consortium: r.consortium as Consortium,
    proposal: r.proposal,
    createdBy: r.createdBy,
  }));
}

export function applicationLabel(a: Pick<ReviewedApplication, 'receiptNo' | 'proposal' | 'id'>): string {
  return `${a.receiptNo ?? a.id.slice(0, 8)} ${a.proposal.title ?? ''}`.trim();
}
