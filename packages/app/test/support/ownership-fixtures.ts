import { and, eq, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../../src/context.ts';
import { applications, organisationMembers, organisations, reviewerPool, stageEvaluations, taskMembers, tasks, user } from '../../src/db/schema/index.ts';

/**
 * Objects of the demo data seen from each role: the applicant's own (its organisation, application,
 * team and task) and another organisation's, a stage evaluation no reviewer sits on, and the
 * reviewer's own pool entry beside another reviewer's. Looked up, never typed, so the matrix follows
 * the seed.
 */
export interface OwnershipFixtures {
  ownOrganisation: string;
  otherOrganisation: string;
  ownApplication: string;
  otherApplication: string;
  stageEvaluation: string;
  ownTeam: string;
  otherTeam: string;
  ownTask: string;
  otherTask: string;
  ownReviewer: string;
  ownReviewerProfile: string;
  otherReviewer: string;
}

async function userId(ctx: AppContext, email: string): Promise<string> {
  const [row] = await ctx.db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (!row) throw new Error(`demo account ${email} is missing`);
  return row.id;
}

export async function loadOwnershipFixtures(ctx: AppContext): Promise<OwnershipFixtures> {
  const db = ctx.db;
  const applicant = await userId(ctx, 'applicant@demo.stagegate.kr');
  const [own] = await db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, applicant));
  const [other] = await db.select({ id: organisations.id }).from(organisations).where(ne(organisations.id, own!.id)).limit(1);
  const [ownApp] = await db.select({ id: applications.id }).from(applications).where(eq(applications.organisationId, own!.id)).limit(1);
  const mine = await db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, applicant));
  const [otherApp] = await db
    .select({ id: applications.id, org: applications.organisationId })
    .from(applications)
    .then((rows) => rows.filter((r) => !mine.some((m) => m.id === r.org)));
  const [evaluation] = await db
    .select({ id: stageEvaluations.id })
    .from(stageEvaluations)
    .where(and(eq(stageEvaluations.programSlug, 'k-ai'), eq(stageEvaluations.stageKey, 'stage-1')));
  const memberOf = await db.select({ id: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, applicant));
  const kai = await db
    .select()
    .from(tasks)
    .where(inArray(tasks.key, ['kai-naver', 'kai-lg']));
  const ownTeam = kai.find((t) => memberOf.some((m) => m.id === t.id));
  const otherTeam = kai.find((t) => !memberOf.some((m) => m.id === t.id));
  const reviewer = await userId(ctx, 'reviewer@demo.stagegate.kr');
  const reviewer2 = await userId(ctx, 'reviewer2@demo.stagegate.kr');
  const [ownReviewer] = await db.select().from(reviewerPool).where(eq(reviewerPool.userId, reviewer)).limit(1);
  const [otherReviewer] = await db.select().from(reviewerPool).where(eq(reviewerPool.userId, reviewer2)).limit(1);
  const found = { own, other, ownApp, otherApp, evaluation, ownTeam, otherTeam, ownReviewer, otherReviewer };
  for (const [k, v] of Object.entries(found)) if (!v) throw new Error(`ownership fixture ${k} not found in the demo data`);
  return {
    ownOrganisation: own!.id,
    otherOrganisation: other!.id,
    ownApplication: ownApp!.id,
    otherApplication: otherApp!.id,
    stageEvaluation: evaluation!.id,
    ownTeam: ownTeam!.key,
    otherTeam: otherTeam!.key,
    ownTask: ownTeam!.id,
    otherTask: otherTeam!.id,
    ownReviewer: ownReviewer!.id,
    ownReviewerProfile: ownReviewer!.profile,
    otherReviewer: otherReviewer!.id,
  };
}
