import { describe, expect, it } from 'vitest';
import { previewOffer } from '../../src/final-evaluation/offer-preview.ts';

describe('previewOffer', () => {
  it("shows a task's first proposal as offer #1, its days and GPU-hours, with the office to answer", () => {
    const p = previewOffer({ offers: [], acceptances: [] }, 'task', { gpus: 64, startsOn: '2027-01-01', endsOn: '2027-03-31' });
    expect(p).toEqual({
      seq: 1,
      side: 'task',
      gpus: 64,
      startsOn: '2027-01-01',
      endsOn: '2027-03-31',
      days: 90,
      gpuHours: 64 * 90 * 24,
      answers: null,
      turnAfter: 'operator',
    });
  });

  it("shows an office's counter-offer beside the offer it answers", () => {
    const first = { seq: 1, side: 'task' as const, gpus: 64, startsOn: '2027-01-01', endsOn: '2027-03-31' };
    const p = previewOffer({ offers: [first], acceptances: [] }, 'operator', { gpus: 32, startsOn: '2027-02-01', endsOn: '2027-02-28' });
    expect(p).toMatchObject({ seq: 2, side: 'operator', days: 28, gpuHours: 32 * 28 * 24, answers: first, turnAfter: 'task' });
  });
});
