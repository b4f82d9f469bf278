import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { gateEvidence, provenanceComparisons } from '../db/schema/index.ts';
import type { LoadedEvaluation } from './evaluation-store.ts';

/** Where the panel reads an attached report: through the stage evaluation, so those who rule the gate can read it. */
export const evidenceReportUrl = (evaluationId: string, evidenceId: string) =>
  `/api/v1/stage-evaluations/${evaluationId}/gate-evidence/${evidenceId}/report.html`;

/**
 * The provenance reports attached to the evaluation's teams as gate evidence for its stage (table
 * gate_evidence: task, stage key, gate key), oldest first, with each report's verdict and a link.
 */
export async function listGateEvidence(db: Db, loaded: LoadedEvaluation) {
  const ids = loaded.teams.map((t) => t.id);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: gateEvidence.id,
      taskId: gateEvidence.taskId,
      gateKey: gateEvidence.gateKey,
      note: gateEvidence.note,
      attachedAt: gateEvidence.attachedAt,
      comparisonId: gateEvidence.provenanceComparisonId,
      verdict: provenanceComparisons.verdict,
      label: provenanceComparisons.label,
      candidatePath: provenanceComparisons.candidatePath,
      ready: sql<boolean>`${provenanceComparisons.report} is not null`,
    })
    .from(gateEvidence)
    .innerJoin(provenanceComparisons, eq(provenanceComparisons.id, gateEvidence.provenanceComparisonId))
    .where(and(inArray(gateEvidence.taskId, ids), eq(gateEvidence.stageKey, loaded.evaluation.stageKey)))
    .orderBy(asc(gateEvidence.attachedAt));
  const keyOf = new Map(loaded.teams.map((t) => [t.id, t.key]));
  return rows.map((r) => ({
    ...r,
    team: keyOf.get(r.taskId)!,
    attachedAt: r.attachedAt.toISOString(),
    reportUrl: r.ready ? evidenceReportUrl(loaded.evaluation.id, r.id) : null,
  }));
}

/** One attached report, only when it is evidence for a team and the stage of this evaluation. */
export async function evidenceReport(db: Db, loaded: LoadedEvaluation, evidenceId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(evidenceId)) return undefined;
  const [row] = await db
    .select({ taskId: gateEvidence.taskId, stageKey: gateEvidence.stageKey, report: provenanceComparisons.report })
    .from(gateEvidence)
    .innerJoin(provenanceComparisons, eq(provenanceComparisons.id, gateEvidence.provenanceComparisonId))
    .where(eq(gateEvidence.id, evidenceId));
  if (!row || row.stageKey !== loaded.evaluation.stageKey || !loaded.teams.some((t) => t.id === row.taskId)) return undefined;
  return { report: row.report };
}
