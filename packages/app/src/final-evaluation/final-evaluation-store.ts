import { and, asc, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { designateExcellent, excellenceRule, type Designation } from '@stagegate/core/final-evaluation/excellence';
import { finalScoreChanges } from '@stagegate/core/final-evaluation/score-entry';
import { issue, localizedText, type FieldIssue, type LocalizedText } from '@stagegate/core/shared/localized';
import { isCalendarDay } from '@stagegate/core/allocation/calendar-day';
import type { Db } from '../db/connect.ts';
import { finalEvaluations, finalEvaluationTasks, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { getProgram } from '../programs/program-store.ts';
import { storePdfUpload } from '../documents/pdf-upload.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { designationIssues } from '@stagegate/core/final-evaluation/publication';
import { scoresBody } from '@stagegate/core/contract/final-evaluations';
import { particle } from '@stagegate/core/shared/korean-particles';

export type FinalEvaluationRow = typeof finalEvaluations.$inferSelect;
export type FinalTaskRow = typeof finalEvaluationTasks.$inferSelect;

export type FinalResult<T> = { status: 'invalid'; issues: FieldIssue[] } | { status: 'conflict'; message: string } | ({ status: 'committed' } & T);

export const finalEvaluationCreateInput = z.object({
  program: z.string().min(1),
  name: localizedText.optional(),
  excellenceRule,
  poolKey: z.string().min(1),
  phaseKey: z.string().min(1),
  maxExtraGpus: z.number().int().positive().optional(),
  supportEarliestStart: z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD').optional(),
  /** preview: what would be opened, nothing written; omitted: commit (the API before previews) */
  mode: z.enum(['preview', 'commit']).default('commit'),
});

/** What opening a final evaluation would write: its settings and the tasks it takes in. */
export interface FinalCreatePreview {
  status: 'preview';
  finalEvaluation: {
    program: string;
    name: LocalizedText;
    excellenceRule: z.infer<typeof excellenceRule>;
    poolKey: string;
    phaseKey: string;
    maxExtraGpus: number | null;
    supportEarliestStart: string | null;
  };
  tasks: { key: string; name: LocalizedText }[];
}

const tasksInFinalEvaluations = async (db: Db) =>
  new Set((await db.select({ taskId: finalEvaluationTasks.taskId }).from(finalEvaluationTasks)).map((r) => r.taskId));
const awaitingFinalEvaluation = <T extends { id: string; status: string }>(all: T[], evaluated: Set<string>) =>
  all.filter((t) => (t.status === 'active' || t.status === 'completed') && !evaluated.has(t.id));

/** Per program, how many of its active or completed tasks no final evaluation holds yet: the next cohort's. */
export async function tasksAwaitingFinalEvaluation(db: Db): Promise<Record<string, number>> {
  const evaluated = await tasksInFinalEvaluations(db);
  const out: Record<string, number> = {};
  for (const t of awaitingFinalEvaluation(await db.select({ id: tasks.id, status: tasks.status, programSlug: tasks.programSlug }).from(tasks), evaluated))
    out[t.programSlug] = (out[t.programSlug] ?? 0) + 1;
  return out;
}

/** Opens a final evaluation of a program with its active (or completed) tasks that no earlier one holds: the next cohort. */
export async function createFinalEvaluation(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<FinalResult<{ finalEvaluation: FinalEvaluationRow }> | FinalCreatePreview> {
  const parsed = finalEvaluationCreateInput.safeParse(raw);
  if (!parsed.success)
    return { status: 'invalid', issues: parsed.error.issues.map((i) => issue(i.path.join('.') || 'body', `잘못된 값: ${i.message}`, i.message)) };
  const input = parsed.data;
  const program = await getProgram(db, input.program);
  if (!program)
    return {
      status: 'invalid',
      issues: [issue('program', `사업 "${input.program}"${particle(input.program, '이/가')} 없습니다`, `no program "${input.program}"`)],
    };
  if (!program.definition.gpuPools.some((p) => p.key === input.poolKey))
    return {
      status: 'invalid',
      issues: [issue('poolKey', `GPU 풀 "${input.poolKey}"${particle(input.poolKey, '이/가')} 없습니다`, `no GPU pool "${input.poolKey}"`)],
    };
  if (!program.definition.phases.some((p) => p.key === input.phaseKey))
    return { status: 'invalid', issues: [issue('phaseKey', '사업에 이 단계가 없습니다', `the program has no phase "${input.phaseKey}"`)] };
  // one final evaluation per cohort: the program's tasks that no earlier final evaluation holds
  const evaluated = await tasksInFinalEvaluations(db);
  const programTasks = awaitingFinalEvaluation(await db.select().from(tasks).where(eq(tasks.programSlug, input.program)), evaluated);
  if (
    programTasks.length === 0 &&
    (await db.select({ id: finalEvaluations.id }).from(finalEvaluations).where(eq(finalEvaluations.programSlug, input.program))).length
  )
    return { status: 'conflict', message: `every task of program ${input.program} is in a final evaluation already` };
  const values = {
    programSlug: input.program,
    name: input.name ?? { ko: `${program.definition.shortName.ko} 최종 평가`, en: `${program.definition.shortName.en} final evaluation` },
    excellenceRule: input.excellenceRule,
    poolKey: input.poolKey,
    phaseKey: input.phaseKey,
    maxExtraGpus: input.maxExtraGpus ?? null,
    supportEarliestStart: input.supportEarliestStart ?? null,
    createdBy: actor.id,
  };
  if (input.mode === 'preview') {
    const { programSlug, createdBy: _by, ...rest } = values;
    return { status: 'preview', finalEvaluation: { program: programSlug, ...rest }, tasks: programTasks.map((t) => ({ key: t.key, name: t.name })) };
  }
  const row = await db.transaction(async (tx) => {
    const [fe] = await tx.insert(finalEvaluations).values(values).returning();
    if (programTasks.length) await tx.insert(finalEvaluationTasks).values(programTasks.map((t) => ({ finalEvaluationId: fe!.id, taskId: t.id })));
    await appendAudit(tx, actor, {
      action: 'final-evaluation.create',
      objectType: 'final-evaluation',
      objectId: fe!.id,
      after: { ...values, tasks: programTasks.map((t) => t.key) },
    });
    return fe!;
  });
  return { status: 'committed', finalEvaluation: row };
}

export async function getFinalEvaluation(db: Db, id: string): Promise<FinalEvaluationRow | undefined> {
  const [row] = await db.select().from(finalEvaluations).where(eq(finalEvaluations.id, id));
  return row;
}

export async function listFinalEvaluations(db: Db): Promise<FinalEvaluationRow[]> {
  return db.select().from(finalEvaluations).orderBy(asc(finalEvaluations.createdAt));
}

export async function finalTasks(db: Db, finalEvaluationId: string) {
  return db
    .select({ row: finalEvaluationTasks, key: tasks.key, name: tasks.name })
    .from(finalEvaluationTasks)
    .innerJoin(tasks, eq(tasks.id, finalEvaluationTasks.taskId))
    .where(eq(finalEvaluationTasks.finalEvaluationId, finalEvaluationId))
    .orderBy(asc(tasks.key));
}

export async function finalTask(db: Db, finalEvaluationId: string, taskId: string): Promise<FinalTaskRow | undefined> {
  const [row] = await db
    .select()
    .from(finalEvaluationTasks)
    .where(and(eq(finalEvaluationTasks.finalEvaluationId, finalEvaluationId), eq(finalEvaluationTasks.taskId, taskId)));
  return row;
}

export const REPORT_MAX_BYTES = 200 * 1024 * 1024;

/** The task's final report: streamed to the blob store, accepted only if its bytes say PDF, recorded by SHA-256. */
export async function uploadFinalReport(
  db: Db,
  blobs: BlobStore,
  actor: Actor,
  fe: FinalEvaluationRow,
  taskId: string,
  file: { stream: Readable; fileName: string },
  maxBytes = REPORT_MAX_BYTES,
): Promise<FinalResult<{ task: FinalTaskRow }> | { status: 'too_large'; message: LocalizedText }> {
  const current = await finalTask(db, fe.id, taskId);
  if (!current) {
    file.stream.resume();
    return { status: 'invalid', issues: [issue('taskId', '이 최종 평가의 과제가 아닙니다', 'not a task of this final evaluation')] };
  }
  const stored = await storePdfUpload(blobs, file, maxBytes, 'final-report.pdf');
  if (stored.status !== 'stored') return stored;
  const { fileName, sha256, sizeBytes } = stored;
  const task = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(finalEvaluationTasks)
      .set({ reportFileName: fileName, reportSha256: sha256, reportSizeBytes: sizeBytes, reportUploadedBy: actor.id, reportUploadedAt: new Date() })
      .where(and(eq(finalEvaluationTasks.finalEvaluationId, fe.id), eq(finalEvaluationTasks.taskId, taskId)))
      .returning();
    await appendAudit(tx, actor, {
      action: 'final-evaluation.report.upload',
      objectType: 'final-evaluation',
      objectId: fe.id,
      before: current.reportSha256 ? { taskId, fileName: current.reportFileName, sha256: current.reportSha256 } : null,
      after: { taskId, fileName, sizeBytes, sha256 },
    });
    return row!;
  });
  return { status: 'committed', task };
}

/** The request of score entry, as the API contract declares it. */
export const scoresInput = scoresBody;

export interface ScoresPreview {
  status: 'preview';
  changes: { taskId: string; taskKey: string; taskName: LocalizedText; before: number | null; after: number }[];
  clearsDesignation: boolean;
  /** published results go back to "not published" until designated and published again */
  withdrawsPublication: boolean;
}

/** Enters final scores (checked by core: out of 100, two decimals); a designation already made is cleared, since it rested on the old scores. */
export async function enterFinalScores(
  db: Db,
  actor: Actor,
  fe: FinalEvaluationRow,
  input: z.input<typeof scoresInput>,
): Promise<FinalResult<{ updated: number }> | ScoresPreview> {
  const rows = await finalTasks(db, fe.id);
  const known = new Map(rows.map((r) => [r.row.taskId, r]));
  const { changes, issues } = finalScoreChanges(
    new Map(rows.map((r) => [r.row.taskId, r.row.score])),
    input.scores.map((s) => ({ task: s.taskId, score: s.score })),
  );
  if (issues.length) return { status: 'invalid', issues };
  if (input.mode === 'preview') {
    return {
      status: 'preview',
      changes: changes.map((c) => ({ taskId: c.task, taskKey: known.get(c.task)!.key, taskName: known.get(c.task)!.name, before: c.before, after: c.after })),
      clearsDesignation: fe.status !== 'open',
      withdrawsPublication: fe.status === 'published',
    };
  }
  await db.transaction(async (tx) => {
    for (const s of input.scores) {
      await tx
        .update(finalEvaluationTasks)
        .set({ score: s.score, scoreEnteredBy: actor.id, scoreEnteredAt: new Date(), excellent: null, rank: null, designationReason: null })
        .where(and(eq(finalEvaluationTasks.finalEvaluationId, fe.id), eq(finalEvaluationTasks.taskId, s.taskId)));
    }
    if (fe.status !== 'open')
      await tx
        .update(finalEvaluations)
        .set({ status: 'open', revision: fe.revision + 1 })
        .where(eq(finalEvaluations.id, fe.id));
    await appendAudit(tx, actor, {
      action: 'final-evaluation.scores',
      objectType: 'final-evaluation',
      objectId: fe.id,
      before: input.scores.map((s) => ({ taskKey: known.get(s.taskId)!.key, score: known.get(s.taskId)!.row.score })),
      after: input.scores.map((s) => ({ taskKey: known.get(s.taskId)!.key, score: s.score })),
      reason: input.reason ?? null,
    });
  });
  return { status: 'committed', updated: input.scores.length };
}

/**
 * Applies the configured excellence rule to the scores: previewed, then committed with an audit
 * row. Only the office sees the designation until it publishes it (`publishFinalEvaluation`).
 */
export async function designate(
  db: Db,
  actor: Actor,
  fe: FinalEvaluationRow,
  mode: 'preview' | 'commit',
): Promise<FinalResult<{ designations: (Designation & { taskId: string })[] }> | { status: 'preview'; designations: (Designation & { taskId: string })[] }> {
  const locked = designationIssues(fe.status);
  if (locked.length) return { status: 'invalid', issues: locked };
  const rows = await finalTasks(db, fe.id);
  const { designations, missing } = designateExcellent(
    rows.map((r) => ({ task: r.row.taskId, score: r.row.score })),
    fe.excellenceRule,
  );
  if (missing.length) {
    const keys = rows.filter((r) => missing.includes(r.row.taskId)).map((r) => r.key);
    return {
      status: 'invalid',
      issues: [issue('scores', `최종 점수가 없는 과제가 있습니다: ${keys.join(', ')}`, `tasks without a final score: ${keys.join(', ')}`)],
    };
  }
  const out = designations.map((d) => ({ ...d, taskId: d.task, task: rows.find((r) => r.row.taskId === d.task)!.key }));
  if (mode === 'preview') return { status: 'preview', designations: out };
  await db.transaction(async (tx) => {
    for (const d of out) {
      await tx
        .update(finalEvaluationTasks)
        .set({ excellent: d.excellent, rank: d.rank, designationReason: d.reason })
        .where(and(eq(finalEvaluationTasks.finalEvaluationId, fe.id), eq(finalEvaluationTasks.taskId, d.taskId)));
    }
    await tx
      .update(finalEvaluations)
      .set({ status: 'designated', revision: fe.revision + 1 })
      .where(eq(finalEvaluations.id, fe.id));
    await appendAudit(tx, actor, {
      action: 'final-evaluation.designate',
      objectType: 'final-evaluation',
      objectId: fe.id,
      after: {
        rule: fe.excellenceRule,
        excellent: out.filter((d) => d.excellent).map((d) => d.task),
        designations: out.map((d) => ({ task: d.task, score: d.score, rank: d.rank, excellent: d.excellent })),
      },
    });
  });
  return { status: 'committed', designations: out };
}
