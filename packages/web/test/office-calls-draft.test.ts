import { describe, expect, it } from 'vitest';
import { callOf, draftOf, emptyDraft, inputOfIssue } from '../src/pages/office-calls/call-draft';
import { isoToSeoulInput, seoulInputToIso } from '../src/pages/office-calls/seoul-input';
import type { Call } from '../src/api/types';

// the seeded specialized-fm 2025 call's shape (packages/app/seed/programs/specialized-fm.json), trimmed
const seeded = {
  key: '2025-call',
  name: { ko: '2025년 AI 특화 파운데이션 모델 공모', en: '2025 call' },
  opens: '2025-07-01T09:00:00+09:00',
  closes: '2025-08-01T18:00:00+09:00',
  receiptPrefix: 'SFM',
  kind: 'regular',
  selectionRounds: [{ key: 'documents' }],
} as unknown as Call;

describe('the office call form', () => {
  it('reads and writes times as Korea time whatever the browser zone', () => {
    expect(isoToSeoulInput('2025-08-01T09:00:00Z')).toBe('2025-08-01T18:00');
    expect(seoulInputToIso('2025-08-01T18:00')).toBe('2025-08-01T18:00:00+09:00');
  });

  it('keeps what the form does not edit (selection rounds) and leaves out an empty briefing and notice', () => {
    const out = callOf(draftOf(seeded), seeded);
    expect(out.selectionRounds).toEqual([{ key: 'documents' }]);
    expect(out).not.toHaveProperty('briefing');
    expect(out).not.toHaveProperty('notice');
    expect(out.closes).toBe('2025-08-01T18:00:00+09:00');
  });

  it('writes the briefing with its place in both languages', () => {
    const d = { ...emptyDraft(), key: 'x', briefingAt: '2025-07-10T14:00', placeKo: '과천', placeEn: 'Gwacheon' };
    expect(callOf(d).briefing).toEqual({ at: '2025-07-10T14:00:00+09:00', place: { ko: '과천', en: 'Gwacheon' } });
  });

  it("writes the call's task slots, keeps them on edit and drops them when the office clears the count", () => {
    const withSlots = { ...seeded, taskSlots: { count: 2, keys: ['sfm-01', 'sfm-02'] } } as Call;
    const draft = draftOf(withSlots);
    expect(draft.slotCount).toBe('2');
    expect(draft.slotKeys).toBe('sfm-01, sfm-02');
    expect(callOf(draft, withSlots).taskSlots).toEqual({ count: 2, keys: ['sfm-01', 'sfm-02'] });
    expect(callOf({ ...draft, slotCount: '1', slotKeys: '' }, withSlots).taskSlots).toEqual({ count: 1, keys: [] });
    // cleared: the program's task count applies again
    expect(callOf({ ...draft, slotCount: '', slotKeys: '' }, withSlots)).not.toHaveProperty('taskSlots');
    // what is not a whole number, or keys without a count, goes to the server as typed, which names the field
    expect(callOf({ ...draft, slotCount: '1.5' }, withSlots).taskSlots).toEqual({ count: '1.5', keys: ['sfm-01', 'sfm-02'] });
    expect(callOf({ ...emptyDraft(), slotKeys: 'sfm-09' }).taskSlots).toEqual({ count: undefined, keys: ['sfm-09'] });
  });

  it('puts each server issue under the input it names', () => {
    expect(inputOfIssue('calls.2.taskSlots.count', 2)).toBe('slotCount');
    expect(inputOfIssue('calls.2.taskSlots.keys', 2)).toBe('slotKeys');
    expect(inputOfIssue('calls.2.taskSlots', 2)).toBe('slotCount');
    expect(inputOfIssue('calls.2.briefing.at', 2)).toBe('briefingAt');
    expect(inputOfIssue('calls.2.briefing.place.en', 2)).toBe('placeEn');
    expect(inputOfIssue('calls.2.documents.0.sha256', 2)).toBe('documents');
    expect(inputOfIssue('calls.1.closes', 2)).toBeNull();
  });
});
