import { and, asc, eq, ne, notInArray } from 'drizzle-orm';
import type { AppContext } from '../../src/context.ts';
import {
  allocations,
  applications,
  organisationInvitations,
  organisationMembers,
  organisations,
  arenaBattles,
  arenaEvaluators,
  arenas,
  finalEvaluations,
  finalEvaluationTasks,
  reviewAssignments,
  reviewConflicts,
  reviewPledges,
  reviewRounds,
  supportProposals,
  taskMembers,
  notifications,
  user,
  taskInvitations,
} from '../../src/db/schema/index.ts';
import type { OwnershipFixtures } from './ownership-fixtures.ts';

/**
 * The objects the demo leaves without an owner for some roles, made here for the matrix only (the
 * shared fixtures stay read-only, other tests read the demo as seeded): the demo reviewer assigned
 * to one proposal of the review round and not to another; a Likert form the demo evaluator sits on
 * and an arena nobody was assigned to; a support proposal of another team beside the applicant's;
 * a membership offer to the applicant beside one to another person.
 */
export interface OwnershipObjects {
  arena: string;
  unassignedArena: string;
  likertArena: string;
  othersBattle: string;
  round: string;
  assignedApplication: string;
  unassignedApplication: string;
  finalEvaluation: string;
  ownFinalTask: string;
  otherFinalTask: string;
  ownProposal: string;
  otherProposal: string;
  /** phase-2 allocations of the applicant's specialized-fm task and of the other team's */
  ownAllocation: string;
  otherAllocation: string;
  /** an organisation's offer of membership to the applicant, and one to another person */
  ownInvitation: string;
  otherInvitation: string;
  /** the office's task invitation addressed to the applicant's confirmed address, and one to another person's */
  ownTaskInvitation: string;
  otherTaskInvitation: string;
  /** a notification in the applicant's inbox, one in the demo reviewer's, and one in another applicant's */
  applicantNotification: string;
  reviewerNotification: string;
  otherNotification: string;
}

export async function prepareOwnershipObjects(ctx: AppContext, f: OwnershipFixtures): Promise<OwnershipObjects> {
  const db = ctx.db;
  const [evaluator] = await db.select().from(user).where(eq(user.email, 'evaluator@demo.stagegate.kr'));
  const [arena] = await db
    .select()
    .from(arenas)
    .where(and(eq(arenas.programSlug, 'k-ai'), eq(arenas.stageKey, 'stage-1')));
  const [othersBattle] = await db
    .select()
    .from(arenaBattles)
    .where(and(eq(arenaBattles.arenaId, arena!.id), ne(arenaBattles.evaluatorId, evaluator!.id)))
    .limit(1);
  const base = {
    programSlug: 'k-ai',
    seed: 7,
    capPerEvaluator: 10,
    fullPoints: 25,
    conversion: { kind: 'expectedScoreVsBest' as const },
    status: 'open' as const,
  };
  const [unassigned] = await db
    .insert(arenas)
    .values({ ...base, stageKey: 'matrix-unassigned', kind: 'pairwise', name: { ko: '배정 없음', en: 'Nobody assigned' } })
    .returning();
  const [likert] = await db
    .insert(arenas)
    .values({
      ...base,
      stageKey: 'matrix-likert',
      kind: 'likert',
      name: { ko: '리커트', en: 'Likert' },
      likertCriteria: [{ key: 'useful', name: { ko: '유용성', en: 'Usefulness' } }],
    })
    .returning();
  await db.insert(arenaEvaluators).values({ arenaId: likert!.id, userId: evaluator!.id });

  const [round] = await db
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.programSlug, 'specialized-fm'), eq(reviewRounds.callKey, '2025-call')));
  const conflicted = (await db.select({ a: reviewConflicts.applicationId }).from(reviewConflicts).where(eq(reviewConflicts.reviewerId, f.ownReviewer))).map(
    (r) => r.a,
  );
  const open = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.programSlug, 'specialized-fm'),
        eq(applications.status, 'submitted'),
        conflicted.length ? notInArray(applications.id, conflicted) : undefined,
      ),
    )
    .orderBy(asc(applications.id));
  await db.insert(reviewAssignments).values({ roundId: round!.id, applicationId: open[0]!.id, reviewerId: f.ownReviewer });
  // the pledge is signed so the matrix asks about assignment, not the pledge (review-pledge.test.ts covers that)
  await db.insert(reviewPledges).values({ roundId: round!.id, reviewerId: f.ownReviewer, version: 1, locale: 'ko' });

  const [fe] = await db.select().from(finalEvaluations).where(eq(finalEvaluations.programSlug, 'specialized-fm'));
  const rows = await db.select({ taskId: finalEvaluationTasks.taskId }).from(finalEvaluationTasks).where(eq(finalEvaluationTasks.finalEvaluationId, fe!.id));
  const [applicant] = await db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  const mine = new Set((await db.select({ t: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, applicant!.id))).map((r) => r.t));
  const ownTask = rows.find((r) => mine.has(r.taskId))!.taskId;
  const otherTask = rows.find((r) => !mine.has(r.taskId))!.taskId;
  const [ownProposal] = await db
    .select()
    .from(supportProposals)
    .where(and(eq(supportProposals.finalEvaluationId, fe!.id), eq(supportProposals.taskId, ownTask)));
  const [otherProposal] = await db
    .insert(supportProposals)
    .values({ finalEvaluationId: fe!.id, taskId: otherTask, goalKind: ownProposal!.goalKind, goals: 'matrix', createdBy: 'matrix' })
    .returning();
  const held = await db
    .select()
    .from(allocations)
    .where(and(eq(allocations.programSlug, 'specialized-fm'), eq(allocations.phaseKey, 'phase-2')));
  const ownAllocation = held.find((a) => a.taskId === ownTask);
  const otherAllocation = held.find((a) => a.taskId === otherTask);
  const memberOf = (
    await db.select({ o: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, applicant!.id))
  ).map((r) => r.o);
  const [inviting] = await db.select({ id: organisations.id }).from(organisations).where(notInArray(organisations.id, memberOf)).limit(1);
  const [someoneElse] = await db.select().from(user).where(eq(user.email, 'nuri@demo.stagegate.kr'));
  const [ownInvitation] = await db
    .insert(organisationInvitations)
    .values({ organisationId: inviting!.id, userId: applicant!.id, role: 'member', invitedBy: 'matrix' })
    .returning();
  const [otherInvitation] = await db
    .insert(organisationInvitations)
    .values({ organisationId: inviting!.id, userId: someoneElse!.id, role: 'member', invitedBy: 'matrix' })
    .returning();
  const [ownTaskInvitation, otherTaskInvitation] = await db
    .insert(taskInvitations)
    .values(
      [applicant!.email, someoneElse!.email].map((email) => ({
        taskId: otherTask!,
        email,
        organisationId: inviting!.id,
        role: 'member' as const,
        invitedBy: 'matrix',
      })),
    )
    .returning();
  const [reviewer] = await db.select().from(user).where(eq(user.email, 'reviewer@demo.stagegate.kr'));
  const notice = { kind: 'late-conflict', params: { call: { ko: '행렬', en: 'Matrix' }, withdrawn: 1 } };
  const [applicantNotification, reviewerNotification, otherNotification] = await db
    .insert(notifications)
    .values([applicant!.id, reviewer!.id, someoneElse!.id].map((userId) => ({ userId, ...notice })))
    .returning();
  const found = { ownAllocation, otherAllocation, arena, othersBattle, round, assigned: open[0], unassigned: open[1], fe, ownProposal };
  for (const [k, v] of Object.entries(found)) if (!v) throw new Error(`ownership object ${k} not found in the demo data`);
  return {
    arena: arena!.id,
    unassignedArena: unassigned!.id,
    likertArena: likert!.id,
    othersBattle: othersBattle!.id,
    round: round!.id,
    assignedApplication: open[0]!.id,
    unassignedApplication: open[1]!.id,
    finalEvaluation: fe!.id,
    ownFinalTask: ownTask,
    otherFinalTask: otherTask,
    ownProposal: ownProposal!.id,
    otherProposal: otherProposal!.id,
    ownAllocation: ownAllocation!.id,
    otherAllocation: otherAllocation!.id,
    ownInvitation: ownInvitation!.id,
    otherInvitation: otherInvitation!.id,
    ownTaskInvitation: ownTaskInvitation!.id,
    otherTaskInvitation: otherTaskInvitation!.id,
    applicantNotification: applicantNotification!.id,
    reviewerNotification: reviewerNotification!.id,
    otherNotification: otherNotification!.id,
  };
}
