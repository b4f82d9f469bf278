import { eq } from 'drizzle-orm';
import { decisionLetterPage, type DecisionLetterFacts } from '@stagegate/core/stage-evaluation/decision-letter';
import type { Db } from '../db/connect.ts';
import { stageEvaluationDecisions } from '../db/schema/index.ts';
import { letterPdf } from '../documents/letter-pdf.ts';
import { loadEvaluation } from './evaluation-store.ts';
import { findTeam } from './inputs-store.ts';

/** The facts of a team's letter; undefined until the decision is published, or for a team it does not name. */
export async function decisionLetterFacts(db: Db, evaluationId: string, team: string): Promise<DecisionLetterFacts | undefined> {
  const loaded = await loadEvaluation(db, evaluationId);
  if (!loaded || loaded.evaluation.status !== 'published' || !loaded.evaluation.publishedAt) return undefined;
  const task = findTeam(loaded, team);
  const [decision] = await db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, evaluationId));
  const outcome = task && decision?.outcomes.find((o) => o.taskId === task.id);
  if (!task || !decision || !outcome) return undefined;
  return {
    program: loaded.program.name,
    evaluation: loaded.evaluation.name,
    team: { key: task.key, name: task.name },
    outcome: outcome.outcome,
    reasons: outcome.reasons,
    effectiveOn: decision.decidedOn,
    appealClosesAt: decision.appealClosesAt?.toISOString() ?? null,
    publishedAt: loaded.evaluation.publishedAt.toISOString(),
  };
}

/** The letter: the Korean page (the official text), then the English page. Needs a Hangul font (NoKoreanFontError). */
export function decisionLetterPdf(facts: DecisionLetterFacts): Promise<Buffer> {
  return letterPdf(decisionLetterPage(facts, 'ko'), decisionLetterPage(facts, 'en'));
}

export const letterFileName = (facts: DecisionLetterFacts) => `stage-decision-${facts.team.key}.pdf`;
