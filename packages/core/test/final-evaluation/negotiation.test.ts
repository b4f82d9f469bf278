import { describe, expect, it } from 'vitest';
import { agreement, checkAcceptance, checkOffer, threadState, type Offer, type Thread } from '../../src/final-evaluation/negotiation.ts';

const terms = (gpus: number, startsOn = '2026-10-01', endsOn = '2027-03-31') => ({ gpus, startsOn, endsOn });
const offer = (seq: number, side: Offer['side'], gpus: number): Offer => ({ seq, side, ...terms(gpus) });
const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe('additional-GPU negotiation', () => {
  it('the task opens; the operator cannot make the first offer', () => {
    const empty: Thread = { offers: [], acceptances: [] };
    expect(threadState(empty)).toEqual({ state: 'awaitingProposal', turn: 'task' });
    expect(fields(checkOffer(empty, 'operator', terms(64)))).toEqual(['side']);
    expect(checkOffer(empty, 'task', terms(128))).toEqual([]);
  });

  it('sides alternate: no two offers in a row by the same side', () => {
    const t: Thread = { offers: [offer(1, 'task', 128)], acceptances: [] };
    expect(threadState(t)).toMatchObject({ state: 'negotiating', turn: 'operator' });
    expect(fields(checkOffer(t, 'task', terms(96)))).toEqual(['side']);
    expect(checkOffer(t, 'operator', terms(64))).toEqual([]);
  });

  it('a counter-offer must change something and stay within the limits', () => {
    const t: Thread = { offers: [offer(1, 'task', 128)], acceptances: [] };
    expect(fields(checkOffer(t, 'operator', terms(128)))).toEqual(['gpus']);
    expect(fields(checkOffer(t, 'operator', terms(64), { maxGpus: 32 }))).toEqual(['gpus']);
    expect(fields(checkOffer(t, 'operator', terms(64, '2026-09-01'), { earliestStart: '2026-09-10' }))).toEqual(['startsOn']);
    expect(fields(checkOffer(t, 'operator', terms(64, '2027-01-01', '2026-12-31')))).toEqual(['endsOn']);
    expect(fields(checkOffer(t, 'operator', terms(64, '2026-02-30')))).toEqual(['startsOn']);
    expect(fields(checkOffer(t, 'operator', terms(0)))).toEqual(['gpus']);
  });

  it('only the latest offer can be accepted, and only by the side that did not make it', () => {
    const t: Thread = { offers: [offer(1, 'task', 128), offer(2, 'operator', 64)], acceptances: [] };
    expect(fields(checkAcceptance(t, 'task', 1))).toEqual(['offerSeq']);
    expect(fields(checkAcceptance(t, 'operator', 2))).toEqual(['side']);
    expect(checkAcceptance(t, 'task', 2)).toEqual([]);
  });

  it('both sides on the same offer is an agreement, after which nothing moves', () => {
    const t: Thread = { offers: [offer(1, 'task', 128), offer(2, 'operator', 64), offer(3, 'task', 96)], acceptances: [{ offerSeq: 3, side: 'operator' }] };
    expect(agreement(t)).toEqual(offer(3, 'task', 96));
    expect(threadState(t)).toEqual({ state: 'agreed', agreed: offer(3, 'task', 96) });
    expect(fields(checkOffer(t, 'operator', terms(80)))).toEqual(['status']);
    expect(fields(checkAcceptance(t, 'task', 3))).toEqual(['status']);
  });

  it('an acceptance of an older offer by the same side as its maker is no agreement', () => {
    const t: Thread = { offers: [offer(1, 'task', 128), offer(2, 'operator', 64)], acceptances: [{ offerSeq: 1, side: 'task' }] };
    expect(agreement(t)).toBeUndefined();
  });

  it('a withdrawn thread takes no more offers', () => {
    const t: Thread = { offers: [offer(1, 'task', 128)], acceptances: [], withdrawn: true };
    expect(fields(checkOffer(t, 'operator', terms(64)))).toEqual(['status']);
  });
});
