import { and, desc, eq } from 'drizzle-orm';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { benchmarkSuites, gateEvidence, jobs, provenanceComparisons, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueJob, jobView } from '../jobs/job-queue.ts';
import { getProgram } from '../programs/program-store.ts';
import { isIssue, resolveCheckpoint, type ResolvedCheckpoint } from './checkpoints-root.ts';
import { PROVENANCE_COMPARE, type CompareJobPayload } from './compare-job.ts';

export interface StartInput {
  candidate: string;
  references: string[];
  label?: string;
  mode: 'preview' | 'commit';
}

export type StartResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'preview'; candidate: ResolvedCheckpoint; references: ResolvedCheckpoint[] }
  | { status: 'committed'; comparisonId: string; jobId: string };

const MAX_REFERENCES = 8;

/** Checks both paths inside the checkpoints root, previews what will be read, then queues the comparison (audited). */
export async function startComparison(db: Db, root: string, actor: Actor, input: StartInput): Promise<StartResult> {
  const issues: FieldIssue[] = [];
  if (input.references.length === 0)
    issues.push({ field: 'references', message: { ko: '참조 체크포인트를 하나 이상 지정하세요', en: 'give at least one reference checkpoint' } });
  if (input.references.length > MAX_REFERENCES)
    issues.push({ field: 'references', message: { ko: `참조는 최대 ${MAX_REFERENCES}개입니다`, en: `at most ${MAX_REFERENCES} references` } });
  const candidate = await resolveCheckpoint(root, input.candidate, 'candidate');
  if (isIssue(candidate)) issues.push(candidate);
  const references: ResolvedCheckpoint[] = [];
  for (const [i, r] of input.references.entries()) {
    const res = await resolveCheckpoint(root, r, `references.${i}`);
    if (isIssue(res)) issues.push(res);
    else if (!isIssue(candidate) && res.absolute === candidate.absolute)
      issues.push({ field: `references.${i}`, message: { ko: '후보와 같은 체크포인트입니다', en: 'the same checkpoint as the candidate' } });
    else if (references.some((x) => x.absolute === res.absolute))
      issues.push({ field: `references.${i}`, message: { ko: '이미 지정한 참조입니다', en: 'listed twice' } });
    else references.push(res);
  }
  if (issues.length || isIssue(candidate)) return { status: 'invalid', issues };
  if (input.mode === 'preview') return { status: 'preview', candidate, references };
  return db.transaction(async (tx) => {
    const payload: CompareJobPayload = { candidate: candidate.relative, references: references.map((r) => r.relative) };
    const job = await enqueueJob(tx, { kind: PROVENANCE_COMPARE, payload: { ...payload }, createdBy: actor.id, maxAttempts: 2 });
    const [row] = await tx
      .insert(provenanceComparisons)
      .values({ jobId: job.id, candidatePath: candidate.relative, referencePaths: payload.references, label: input.label?.trim() || null, createdBy: actor.id })
      .returning();
    await appendAudit(tx, actor, {
      action: 'provenance.compare.start',
      objectType: 'provenance_comparison',
      objectId: row!.id,
      after: { ...payload, jobId: job.id, label: row!.label },
    });
    return { status: 'committed', comparisonId: row!.id, jobId: job.id };
  });
}

export async function listComparisons(db: Db, limit = 100) {
  const rows = await db
    .select({ c: provenanceComparisons, j: jobs })
    .from(provenanceComparisons)
    .innerJoin(jobs, eq(jobs.id, provenanceComparisons.jobId))
    .orderBy(desc(provenanceComparisons.createdAt))
    .limit(limit);
  return rows.map(({ c, j }) => ({
    id: c.id,
    label: c.label,
    candidatePath: c.candidatePath,
    referencePaths: c.referencePaths,
    verdict: c.verdict,
    createdAt: c.createdAt,
    job: jobView(j),
  }));
}

export async function getComparison(db: Db, id: string) {
  const [row] = await db
    .select({ c: provenanceComparisons, j: jobs })
    .from(provenanceComparisons)
    .innerJoin(jobs, eq(jobs.id, provenanceComparisons.jobId))
    .where(eq(provenanceComparisons.id, id));
  if (!row) return undefined;
  const evidence = await db
    .select({
      id: gateEvidence.id,
      taskId: gateEvidence.taskId,
      taskKey: tasks.key,
      taskName: tasks.name,
      stageKey: gateEvidence.stageKey,
      gateKey: gateEvidence.gateKey,
      note: gateEvidence.note,
      attachedAt: gateEvidence.attachedAt,
    })
    .from(gateEvidence)
    .innerJoin(tasks, eq(tasks.id, gateEvidence.taskId))
    .where(eq(gateEvidence.provenanceComparisonId, id));
  return { comparison: row.c, job: jobView(row.j), evidence };
}

export interface AttachInput {
  taskId: string;
  stageKey: string;
  gateKey: string;
  note?: string;
}

export type AttachResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'not_found' }
  | { status: 'unchanged'; evidenceId: string }
  | { status: 'committed'; evidenceId: string };

/**
 * Attaches a finished report to a task's stage evaluation as evidence for one of the program's
 * gates (K-AI: originality). The same report on the same gate twice is a no-op.
 */
export async function attachEvidence(db: Db, actor: Actor, comparisonId: string, input: AttachInput): Promise<AttachResult> {
  const found = await getComparison(db, comparisonId);
  if (!found) return { status: 'not_found' };
  const issues: FieldIssue[] = [];
  if (!found.comparison.report)
    issues.push({
      field: 'comparison',
      message: { ko: '비교가 아직 끝나지 않아 보고서가 없습니다', en: 'the comparison has not finished; there is no report yet' },
    });
  const [task] = await db.select().from(tasks).where(eq(tasks.id, input.taskId));
  if (!task) issues.push({ field: 'taskId', message: { ko: '과제가 없습니다', en: 'no such task' } });
  if (task) {
    const program = await getProgram(db, task.programSlug);
    const gates = program?.definition.stageEvaluation.gates ?? [];
    if (!gates.some((g) => g.key === input.gateKey)) {
      issues.push({
        field: 'gateKey',
        message: {
          ko: `사업에 "${input.gateKey}" 통과 요건이 없습니다 (있는 요건: ${gates.map((g) => g.key).join(', ') || '없음'})`,
          en: `the program has no gate "${input.gateKey}" (gates: ${gates.map((g) => g.key).join(', ') || 'none'})`,
        },
      });
    }
    const stages = await db.select({ key: benchmarkSuites.key }).from(benchmarkSuites).where(eq(benchmarkSuites.programSlug, task.programSlug));
    const known = stages.length ? stages.some((s) => s.key === input.stageKey) : /^[a-z0-9][a-z0-9-]{0,40}$/.test(input.stageKey);
    if (!known)
      issues.push({
        field: 'stageKey',
        message: {
          ko: `"${input.stageKey}" 단계 평가가 없습니다`,
          en: `no stage evaluation "${input.stageKey}" (stages: ${stages.map((s) => s.key).join(', ')})`,
        },
      });
  }
  if (issues.length) return { status: 'invalid', issues };
  const [existing] = await db
    .select({ id: gateEvidence.id })
    .from(gateEvidence)
    .where(
      and(
        eq(gateEvidence.taskId, input.taskId),
        eq(gateEvidence.stageKey, input.stageKey),
        eq(gateEvidence.gateKey, input.gateKey),
        eq(gateEvidence.provenanceComparisonId, comparisonId),
      ),
    );
  if (existing) return { status: 'unchanged', evidenceId: existing.id };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(gateEvidence)
      .values({
        taskId: input.taskId,
        stageKey: input.stageKey,
        gateKey: input.gateKey,
        provenanceComparisonId: comparisonId,
        note: input.note?.trim() || null,
        attachedBy: actor.id,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'gate.evidence.attach',
      objectType: 'task',
      objectId: input.taskId,
      after: { evidenceId: row!.id, stageKey: input.stageKey, gateKey: input.gateKey, provenanceComparisonId: comparisonId, verdict: found.comparison.verdict },
      reason: row!.note,
    });
    return { status: 'committed', evidenceId: row!.id };
  });
}

/** Gate evidence attached to a task, with each report's verdict. */
export async function listEvidence(db: Db, taskId: string) {
  return db
    .select({
      id: gateEvidence.id,
      stageKey: gateEvidence.stageKey,
      gateKey: gateEvidence.gateKey,
      note: gateEvidence.note,
      attachedAt: gateEvidence.attachedAt,
      comparisonId: provenanceComparisons.id,
      label: provenanceComparisons.label,
      candidatePath: provenanceComparisons.candidatePath,
      verdict: provenanceComparisons.verdict,
    })
    .from(gateEvidence)
    .innerJoin(provenanceComparisons, eq(provenanceComparisons.id, gateEvidence.provenanceComparisonId))
    .where(eq(gateEvidence.taskId, taskId))
    .orderBy(desc(gateEvidence.attachedAt));
}
