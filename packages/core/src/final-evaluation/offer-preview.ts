import { daysInclusive } from '../allocation/calendar-day.ts';
import { otherSide, threadState, type Offer, type OfferTerms, type Side, type Thread } from './negotiation.ts';

/** What an offer puts on the table, beside the one it answers, before it is made (offers are never edited). */
export interface OfferPreview {
  seq: number;
  side: Side;
  gpus: number;
  startsOn: string;
  endsOn: string;
  /** Seoul calendar days, both ends included */
  days: number;
  /** the GPU-hours the terms would give if agreed: GPUs × days × 24 */
  gpuHours: number;
  /** the offer it answers (null for a task's first proposal) */
  answers: Offer | null;
  /** who may answer it next: accept it, or counter */
  turnAfter: Side;
}

/** Call after `checkOffer` found no issue: the terms are valid calendar days and it is `side`'s turn. */
export function previewOffer(thread: Thread, side: Side, terms: OfferTerms): OfferPreview {
  const s = threadState(thread);
  const days = daysInclusive(terms.startsOn, terms.endsOn);
  return {
    seq: (thread.offers.at(-1)?.seq ?? 0) + 1,
    side,
    gpus: terms.gpus,
    startsOn: terms.startsOn,
    endsOn: terms.endsOn,
    days,
    gpuHours: terms.gpus * days * 24,
    answers: s.state === 'negotiating' ? s.latest : null,
    turnAfter: otherSide(side),
  };
}
