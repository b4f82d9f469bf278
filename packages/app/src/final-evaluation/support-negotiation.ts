import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { offerBody, proposalBody } from '@stagegate/core/contract/final-evaluations';
import {
  checkAcceptance,
  checkOffer,
  threadState,
  type NegotiationLimits,
  type Side,
  type Thread,
  type ThreadState,
} from '@stagegate/core/final-evaluation/negotiation';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import { previewOffer, type OfferPreview } from '@stagegate/core/final-evaluation/offer-preview';
import type { Db, Tx } from '../db/connect.ts';
import { supportAcceptances, supportOffers, supportProposals, tasks, type AllocationRequest } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { getProgram } from '../programs/program-store.ts';
import { randomUUID } from 'node:crypto';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import { mutateAllocations, mutateAllocationsIn } from '../allocations/allocation-store.ts';
import { finalTask, getFinalEvaluation, type FinalEvaluationRow, type FinalResult } from './final-evaluation-store.ts';

export type ProposalRow = typeof supportProposals.$inferSelect;
export type OfferRow = typeof supportOffers.$inferSelect;
export type AcceptanceRow = typeof supportAcceptances.$inferSelect;

/** An offer's and a proposal's requests, as the API contract declares them. */
export const offerInput = offerBody;
export const proposalInput = proposalBody;

export interface NegotiationView {
  proposal: ProposalRow;
  taskKey: string;
  offers: OfferRow[];
  acceptances: AcceptanceRow[];
  state: ThreadState;
  limits: NegotiationLimits;
}

async function loadThread(db: Db | Tx, proposalId: string): Promise<{ offers: OfferRow[]; acceptances: AcceptanceRow[] }> {
  const offers = await db.select().from(supportOffers).where(eq(supportOffers.proposalId, proposalId)).orderBy(asc(supportOffers.seq));
  const acceptances = await db
    .select()
    .from(supportAcceptances)
    .where(eq(supportAcceptances.proposalId, proposalId))
    .orderBy(asc(supportAcceptances.acceptedAt));
  return { offers, acceptances };
}

const asThread = (p: ProposalRow, t: { offers: OfferRow[]; acceptances: AcceptanceRow[] }): Thread => ({
  offers: t.offers.map((o) => ({ seq: o.seq, side: o.side, gpus: o.gpus, startsOn: o.startsOn, endsOn: o.endsOn })),
  acceptances: t.acceptances.map((a) => ({ offerSeq: a.offerSeq, side: a.side })),
  withdrawn: p.status === 'withdrawn',
});

/** What an offer may ask for: the office's ceiling, from the configured start, within the support phase. */
export async function negotiationLimits(db: Db, fe: FinalEvaluationRow): Promise<NegotiationLimits> {
  const program = await getProgram(db, fe.programSlug);
  const phase = program?.definition.phases.find((p) => p.key === fe.phaseKey);
  const pool = program?.definition.gpuPools.find((p) => p.key === fe.poolKey);
  return {
    maxGpus: fe.maxExtraGpus ?? pool?.gpuCount,
    earliestStart: [fe.supportEarliestStart, phase?.start]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1),
    latestEnd: phase?.end,
  };
}

export async function getProposal(db: Db, id: string): Promise<ProposalRow | undefined> {
  const [row] = await db.select().from(supportProposals).where(eq(supportProposals.id, id));
  return row;
}

export async function negotiationView(db: Db, p: ProposalRow): Promise<NegotiationView> {
  const fe = (await getFinalEvaluation(db, p.finalEvaluationId))!;
  const thread = await loadThread(db, p.id);
  const [task] = await db.select({ key: tasks.key }).from(tasks).where(eq(tasks.id, p.taskId));
  return { proposal: p, taskKey: task!.key, ...thread, state: threadState(asThread(p, thread)), limits: await negotiationLimits(db, fe) };
}

export async function listProposals(db: Db, finalEvaluationId: string) {
  return db
    .select({ p: supportProposals, key: tasks.key })
    .from(supportProposals)
    .innerJoin(tasks, eq(tasks.id, supportProposals.taskId))
    .where(eq(supportProposals.finalEvaluationId, finalEvaluationId))
    .orderBy(asc(tasks.key));
}

const lockProposal = (tx: Tx, id: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`support-proposal:${id}`}))`);

/** An offer or a proposal as it would stand, not yet made: the preview's answer. */
type Previewed = { status: 'preview'; offer: OfferPreview };

/** An excellent task proposes goals and opens the thread with its request (offer #1); preview: the request as it would stand. */
export async function proposeSupport(
  db: Db,
  actor: Actor,
  fe: FinalEvaluationRow,
  taskId: string,
  input: z.input<typeof proposalInput>,
): Promise<FinalResult<{ proposal: ProposalRow }> | Previewed> {
  const t = await finalTask(db, fe.id, taskId);
  if (!t) return { status: 'invalid', issues: [issue('taskId', '이 최종 평가의 과제가 아닙니다', 'not a task of this final evaluation')] };
  // a team learns it is excellent when the office publishes; until then it cannot propose (nor learn it by trying)
  if (fe.status !== 'published' || !t.excellent)
    return {
      status: 'invalid',
      issues: [issue('taskId', '우수 과제로 지정된 과제만 추가 지원을 제안할 수 있습니다', 'only a task designated excellent may propose additional support')],
    };
  const limits = await negotiationLimits(db, fe);
  const issues = checkOffer({ offers: [], acceptances: [] }, 'task', input, limits);
  if (issues.length) return { status: 'invalid', issues };
  // the preview takes the same path as the commit and stops before the first write
  return db.transaction(async (tx) => {
    await lockProposal(tx, `${fe.id}:${taskId}`);
    const [existing] = await tx
      .select({ id: supportProposals.id })
      .from(supportProposals)
      .where(and(eq(supportProposals.finalEvaluationId, fe.id), eq(supportProposals.taskId, taskId)));
    if (existing) return { status: 'conflict' as const, message: 'this task has proposed already; continue in its negotiation thread' };
    if (input.mode === 'preview') return { status: 'preview' as const, offer: previewOffer({ offers: [], acceptances: [] }, 'task', input) };
    const [p] = await tx
      .insert(supportProposals)
      .values({ finalEvaluationId: fe.id, taskId, goalKind: input.goalKind, goals: input.goals, createdBy: actor.id })
      .returning();
    await tx.insert(supportOffers).values({
      proposalId: p!.id,
      seq: 1,
      side: 'task',
      gpus: input.gpus,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      note: input.note ?? null,
      madeBy: actor.id,
    });
    await appendAudit(tx, actor, {
      action: 'support.propose',
      objectType: 'support-proposal',
      objectId: p!.id,
      after: { taskId, goalKind: input.goalKind, goals: input.goals, offer: { seq: 1, gpus: input.gpus, startsOn: input.startsOn, endsOn: input.endsOn } },
    });
    return { status: 'committed' as const, proposal: p! };
  });
}

/** A counter-offer by `side`; checked by the core's turn and validity rules under the thread's lock; preview: the offer as it would stand. */
export async function makeOffer(
  db: Db,
  actor: Actor,
  p: ProposalRow,
  side: Side,
  input: z.input<typeof offerInput>,
): Promise<FinalResult<{ offer: OfferRow }> | Previewed> {
  const fe = (await getFinalEvaluation(db, p.finalEvaluationId))!;
  const limits = await negotiationLimits(db, fe);
  // the preview takes the same path as the commit and stops before the first write
  return db.transaction(async (tx) => {
    await lockProposal(tx, p.id);
    const [fresh] = await tx.select().from(supportProposals).where(eq(supportProposals.id, p.id));
    const thread = asThread(fresh!, await loadThread(tx, p.id));
    const issues = checkOffer(thread, side, input, limits);
    if (issues.length) return { status: 'invalid' as const, issues };
    const offered = previewOffer(thread, side, input);
    if (input.mode === 'preview') return { status: 'preview' as const, offer: offered };
    const seq = offered.seq;
    const [offer] = await tx
      .insert(supportOffers)
      .values({ proposalId: p.id, seq, side, gpus: input.gpus, startsOn: input.startsOn, endsOn: input.endsOn, note: input.note ?? null, madeBy: actor.id })
      .returning();
    await appendAudit(tx, actor, {
      action: 'support.offer',
      objectType: 'support-proposal',
      objectId: p.id,
      after: { seq, side, gpus: input.gpus, startsOn: input.startsOn, endsOn: input.endsOn, note: input.note ?? null },
    });
    return { status: 'committed' as const, offer: offer! };
  });
}

/**
 * `side` accepts the latest offer. That makes both sides agree, and the agreed GPUs become an
 * allocation in the same transaction, under the pool row's lock and by the same capacity rule as
 * every allocation: an agreement the pool cannot hold (or beyond the phase) is refused with the
 * reason, and nothing — neither the acceptance nor the agreement — is recorded.
 */
export async function acceptOffer(
  db: Db,
  actor: Actor,
  p: ProposalRow,
  side: Side,
  offerSeq: number,
): Promise<FinalResult<{ agreed: boolean; allocationRequest: AllocationRequest | null }>> {
  const fe = (await getFinalEvaluation(db, p.finalEvaluationId))!;
  const [task] = await db.select().from(tasks).where(eq(tasks.id, p.taskId));
  if (!task) return { status: 'invalid', issues: [issue('taskId', '과제가 없습니다', 'no such task')] };
  try {
    return await db.transaction(async (tx) => {
      await lockProposal(tx, p.id);
      const [fresh] = await tx.select().from(supportProposals).where(eq(supportProposals.id, p.id));
      const thread = await loadThread(tx, p.id);
      const issues = checkAcceptance(asThread(fresh!, thread), side, offerSeq);
      if (issues.length) return { status: 'invalid' as const, issues };
      await tx.insert(supportAcceptances).values({ proposalId: p.id, offerSeq, side, acceptedBy: actor.id });
      const after = threadState(
        asThread(fresh!, {
          offers: thread.offers,
          acceptances: [...thread.acceptances, { proposalId: p.id, offerSeq, side, acceptedBy: actor.id, acceptedAt: new Date() }],
        }),
      );
      if (after.state !== 'agreed') throw new Error('an accepted latest offer must be an agreement');
      const allocationId = randomUUID();
      const fresh1: Allocation = {
        id: allocationId,
        taskId: task.id,
        taskKey: task.key,
        poolKey: fe.poolKey,
        phaseKey: fe.phaseKey,
        gpus: after.agreed.gpus,
        gpuMinutes: null,
        start: after.agreed.startsOn,
        end: after.agreed.endsOn,
      };
      const allocated = await mutateAllocationsIn(tx, actor, fe.programSlug, (current) => [...current, fresh1], {
        reason: `additional support agreed in negotiation ${p.id} (offer #${offerSeq})`,
        action: 'allocation.create',
      });
      if (allocated.status === 'invalid') throw new AgreementRefused(allocated.issues.map((i) => ({ field: i.field, message: i.message })));
      const request: AllocationRequest = {
        taskId: p.taskId,
        poolKey: fe.poolKey,
        gpus: after.agreed.gpus,
        startsOn: after.agreed.startsOn,
        endsOn: after.agreed.endsOn,
        state: 'created',
        allocationId,
      };
      await tx.update(supportProposals).set({ status: 'agreed', agreedOfferSeq: offerSeq, allocationRequest: request }).where(eq(supportProposals.id, p.id));
      await appendAudit(tx, actor, {
        action: 'support.agree',
        objectType: 'support-proposal',
        objectId: p.id,
        after: { offerSeq, acceptedBy: side, allocationRequest: request },
      });
      return { status: 'committed' as const, agreed: true, allocationRequest: request };
    });
  } catch (e) {
    if (e instanceof AgreementRefused) return { status: 'invalid', issues: e.issues };
    throw e;
  }
}

/**
 * What accepting the offer would do, written nowhere: the agreement's terms and the allocation it
 * creates (who gains how many GPUs, from when), judged by the same capacity rule as the commit.
 */
export async function previewAcceptance(db: Db, actor: Actor, p: ProposalRow, side: Side, offerSeq: number) {
  const fe = (await getFinalEvaluation(db, p.finalEvaluationId))!;
  const [task] = await db.select().from(tasks).where(eq(tasks.id, p.taskId));
  if (!task) return { status: 'invalid' as const, issues: [issue('taskId', '과제가 없습니다', 'no such task')] };
  const thread = await loadThread(db, p.id);
  const issues = checkAcceptance(asThread(p, thread), side, offerSeq);
  if (issues.length) return { status: 'invalid' as const, issues };
  const offer = thread.offers.find((o) => o.seq === offerSeq)!;
  const allocation: Allocation = {
    id: randomUUID(),
    taskId: task.id,
    taskKey: task.key,
    poolKey: fe.poolKey,
    phaseKey: fe.phaseKey,
    gpus: offer.gpus,
    gpuMinutes: null,
    start: offer.startsOn,
    end: offer.endsOn,
  };
  const judged = await mutateAllocations(db, actor, fe.programSlug, (current) => [...current, allocation], { mode: 'preview', action: 'allocation.create' });
  if (judged.status === 'invalid') return { status: 'invalid' as const, issues: judged.issues.map((i) => ({ field: i.field, message: i.message })) };
  return {
    status: 'preview' as const,
    agreement: { taskKey: task.key, poolKey: fe.poolKey, gpus: offer.gpus, startsOn: offer.startsOn, endsOn: offer.endsOn },
    changes: judged.status === 'preview' ? judged.changes : [],
  };
}

class AgreementRefused extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super('the agreement does not fit the pool');
  }
}
