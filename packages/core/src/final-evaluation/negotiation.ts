import { z } from 'zod';
import { isCalendarDay } from '../allocation/calendar-day.ts';
import { issue, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * Negotiating additional GPUs after the final evaluation (specialized-fm, September 2026): the
 * excellent task opens with its request, then the office and the task take turns with counter-
 * offers. Each offer is immutable; an agreement is both sides accepting the same offer (making an
 * offer accepts it for its maker, so the other side's acceptance of the latest offer closes it).
 */
export type Side = 'task' | 'operator';
export const otherSide = (s: Side): Side => (s === 'task' ? 'operator' : 'task');

export const offerTerms = z.object({
  gpus: z.number().int().positive(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type OfferTerms = z.infer<typeof offerTerms>;

export interface Offer extends OfferTerms {
  seq: number;
  side: Side;
}

export interface Acceptance {
  offerSeq: number;
  side: Side;
}

export interface Thread {
  offers: readonly Offer[];
  acceptances: readonly Acceptance[];
  /** withdrawn threads take no further moves */
  withdrawn?: boolean;
}

export interface NegotiationLimits {
  /** the most GPUs the pool can spare; an offer above it cannot be agreed */
  maxGpus?: number;
  /** the earliest start, e.g. the day after the final evaluation ends */
  earliestStart?: string;
  latestEnd?: string;
}

/** The agreed offer, if both sides accepted the same one. */
export function agreement(thread: Thread): Offer | undefined {
  for (const offer of thread.offers) {
    const sides = new Set<Side>([offer.side]);
    for (const a of thread.acceptances) if (a.offerSeq === offer.seq) sides.add(a.side);
    if (sides.size === 2) return offer;
  }
  return undefined;
}

export type ThreadState =
  | { state: 'awaitingProposal'; turn: 'task' }
  | { state: 'negotiating'; turn: Side; latest: Offer }
  | { state: 'agreed'; agreed: Offer }
  | { state: 'withdrawn' };

/** Whose move it is: the side that did not make the latest offer answers it (accept or counter). */
export function threadState(thread: Thread): ThreadState {
  const agreed = agreement(thread);
  if (agreed) return { state: 'agreed', agreed };
  if (thread.withdrawn) return { state: 'withdrawn' };
  const latest = thread.offers.at(-1);
  if (!latest) return { state: 'awaitingProposal', turn: 'task' };
  return { state: 'negotiating', turn: otherSide(latest.side), latest };
}

const closedMessage = (s: ThreadState): LocalizedText =>
  s.state === 'agreed'
    ? { ko: `이미 제안 #${s.agreed.seq}${particle(s.agreed.seq, '으로/로')} 합의되었습니다`, en: `already agreed on offer #${s.agreed.seq}` }
    : { ko: '철회된 협의입니다', en: 'the negotiation was withdrawn' };

/** Issues with a new offer by `side`, or none when it may be added as the next offer. */
export function checkOffer(thread: Thread, side: Side, terms: OfferTerms, limits: NegotiationLimits = {}): FieldIssue[] {
  const s = threadState(thread);
  if (s.state === 'agreed' || s.state === 'withdrawn') {
    const m = closedMessage(s);
    return [issue('status', m.ko, m.en)];
  }
  if (s.turn !== side) {
    return s.state === 'awaitingProposal'
      ? [issue('side', '첫 제안은 과제가 합니다', 'the task makes the first proposal')]
      : [issue('side', '상대방이 답할 차례입니다 (연속해서 제안할 수 없습니다)', "it is the other side's turn (no two offers in a row)")];
  }
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(terms.gpus) || terms.gpus <= 0) issues.push(issue('gpus', 'GPU 수는 1 이상의 정수여야 합니다', 'GPUs must be a positive integer'));
  else if (limits.maxGpus !== undefined && terms.gpus > limits.maxGpus)
    issues.push(issue('gpus', `GPU는 최대 ${limits.maxGpus}장까지 제안할 수 있습니다`, `at most ${limits.maxGpus} GPUs can be offered`));
  const startOk = isCalendarDay(terms.startsOn);
  const endOk = isCalendarDay(terms.endsOn);
  if (!startOk) issues.push(issue('startsOn', '시작일은 YYYY-MM-DD 형식의 날짜여야 합니다', 'the start must be a date YYYY-MM-DD'));
  if (!endOk) issues.push(issue('endsOn', '종료일은 YYYY-MM-DD 형식의 날짜여야 합니다', 'the end must be a date YYYY-MM-DD'));
  if (startOk && endOk && terms.endsOn < terms.startsOn) issues.push(issue('endsOn', '종료일이 시작일보다 앞섭니다', 'the end is before the start'));
  if (startOk && limits.earliestStart && terms.startsOn < limits.earliestStart)
    issues.push(issue('startsOn', `시작일은 ${limits.earliestStart} 이후여야 합니다`, `the start must be on or after ${limits.earliestStart}`));
  if (endOk && limits.latestEnd && terms.endsOn > limits.latestEnd)
    issues.push(issue('endsOn', `종료일은 ${limits.latestEnd} 이전이어야 합니다`, `the end must be on or before ${limits.latestEnd}`));
  if (s.state === 'negotiating' && issues.length === 0 && sameTerms(s.latest, terms)) {
    issues.push(issue('gpus', '직전 제안과 같은 조건입니다. 같은 조건이면 수락하세요', 'same terms as the latest offer; accept it instead'));
  }
  return issues;
}

/** Issues with `side` accepting offer `offerSeq`: only the latest offer, and only by the side that did not make it. */
export function checkAcceptance(thread: Thread, side: Side, offerSeq: number): FieldIssue[] {
  const s = threadState(thread);
  if (s.state === 'agreed' || s.state === 'withdrawn') {
    const m = closedMessage(s);
    return [issue('status', m.ko, m.en)];
  }
  if (s.state === 'awaitingProposal') return [issue('offerSeq', '수락할 제안이 없습니다', 'there is no offer to accept')];
  if (offerSeq !== s.latest.seq)
    return [issue('offerSeq', `최신 제안 #${s.latest.seq}만 수락할 수 있습니다`, `only the latest offer #${s.latest.seq} can be accepted`)];
  if (s.latest.side === side)
    return [issue('side', '자신의 제안은 수락할 수 없습니다 (상대방의 답을 기다리세요)', 'you cannot accept your own offer; wait for the other side')];
  return [];
}

export function sameTerms(a: OfferTerms, b: OfferTerms): boolean {
  return a.gpus === b.gpus && a.startsOn === b.startsOn && a.endsOn === b.endsOn;
}
