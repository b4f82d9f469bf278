import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeRound, type CloseRoundInput, type RoundEntry } from '../../src/selection/close-round.ts';
import { selectionRoundIssues, shortlistStatement, type ShortlistRule } from '../../src/selection/selection-rounds.ts';
import { validateProgram } from '../../src/program/validate-program.ts';
import type { AggregatedScore } from '../../src/review/aggregate.ts';

const seed = (slug: string) => JSON.parse(readFileSync(new URL(`../../../app/seed/programs/${slug}.json`, import.meta.url), 'utf8'));
const name = { ko: '서면 평가', en: 'Document review' };
const GROUPS = ['market', 'tech'];

const agg = (id: string, market: number, tech: number): AggregatedScore => ({
  applicationId: id,
  score: market + tech,
  groups: { market, tech },
  reviewCount: 3,
  trimmed: false,
});
const done = (id: string): RoundEntry => ({ applicationId: id, label: id, assigned: 3, submitted: 3 });
const input = (scores: AggregatedScore[], shortlist: ShortlistRule, extra: Partial<CloseRoundInput> = {}): CloseRoundInput => ({
  round: { key: 'documents', name, shortlist },
  entries: scores.map((s) => done(s.applicationId)),
  scores,
  tieBreakGroups: GROUPS,
  ...extra,
});
const top = (count: number, ties: 'all-pass' | 'office-decides' = 'all-pass'): ShortlistRule => ({ kind: 'top', count, ties });

describe('rounds as program data', () => {
  it('reads K-AI (documents 15 → 10, then a presentation) and specialized-fm (documents → presentation for 2 places) from the seeds', () => {
    for (const [slug, count] of [
      ['k-ai', 10],
      ['specialized-fm', 6],
    ] as const) {
      const { program, issues } = validateProgram(seed(slug));
      expect(issues).toEqual([]);
      const rounds = program!.calls.find((c) => c.key === '2025-call')!.selectionRounds!;
      expect(rounds.map((r) => r.key)).toEqual(['documents', 'presentation']);
      expect(rounds[0]!.shortlist).toEqual({ kind: 'top', count, ties: 'all-pass' });
      expect(rounds[1]!.shortlist).toBeUndefined();
      expect(rounds.map((r) => r.weight)).toEqual([0, 1]);
    }
  });

  it('takes no shortlist after the last round, and never one smaller than the places the call funds', () => {
    const r = (key: string, shortlist?: ShortlistRule) => ({ key, name, weight: 1, reviewsPerProposal: 3, ...(shortlist ? { shortlist } : {}) });
    expect(selectionRoundIssues('calls.0.selectionRounds', [r('documents', top(6)), r('presentation')], 2)).toEqual([]);
    // rounds side by side (no shortlist): every application goes on
    expect(selectionRoundIssues('calls.0.selectionRounds', [r('documents'), r('presentation')], 2)).toEqual([]);
    const fields = selectionRoundIssues('calls.0.selectionRounds', [r('documents'), r('documents', top(1)), r('presentation', top(3))], 2).map((i) => i.field);
    expect(fields).toEqual(['calls.0.selectionRounds.1.key', 'calls.0.selectionRounds.1.shortlist.count', 'calls.0.selectionRounds.2.shortlist']);
    const program = seed('specialized-fm');
    program.calls[0].selectionRounds[0].shortlist.count = 1;
    expect(validateProgram(program).issues.map((i) => i.field)).toEqual(['calls.0.selectionRounds.0.shortlist.count']);
  });

  it('says the rule in both languages', () => {
    expect(shortlistStatement(top(10))).toEqual({ ko: '상위 10건 통과 (경계 동점은 모두 통과)', en: 'top 10 pass (all tied at the cut pass)' });
    expect(shortlistStatement({ kind: 'threshold', minScore: 70 }).ko).toBe('70점 이상 통과 (정확히 70점도 통과)');
  });
});

describe('closing a round', () => {
  it('passes the top N by the round score and says who leaves', () => {
    const res = closeRound(input([agg('a', 30, 50), agg('b', 35, 50), agg('c', 20, 40), agg('d', 30, 45)], top(2)));
    expect(res).toMatchObject({ ok: true, passes: ['b', 'a'], leaves: ['d', 'c'], tie: null });
  });

  it('lets every application tied at the cut through under all-pass, and states the tie', () => {
    const res = closeRound(input([agg('a', 40, 50), agg('b', 30, 50), agg('c', 30, 50), agg('d', 30, 50), agg('e', 10, 20)], top(2)));
    expect(res).toMatchObject({ ok: true, passes: ['a', 'b', 'c', 'd'], leaves: ['e'], tie: { tied: ['b', 'c', 'd'], places: 1, rule: 'all-pass' } });
  });

  it('is not a tie when the heavier criteria group separates equal totals (the stated tie-break)', () => {
    const res = closeRound(input([agg('a', 40, 40), agg('b', 30, 50), agg('c', 10, 10)], top(1)));
    expect(res).toMatchObject({ ok: true, passes: ['a'], tie: null });
  });

  it('names the tied applications for the office under office-decides, and takes exactly the places left', () => {
    const scores = [agg('a', 40, 50), agg('b', 30, 50), agg('c', 30, 50), agg('e', 10, 20)];
    const asked = closeRound(input(scores, top(2, 'office-decides')));
    expect(asked.ok).toBe(false);
    if (asked.ok) return;
    expect(asked.tie).toMatchObject({ tied: ['b', 'c'], places: 1 });
    expect(asked.issues[0]!.field).toBe('tiePasses');
    expect(asked.issues[0]!.message.ko).toContain('경계 동점 2건(b, c) 가운데 통과할 1건');
    expect(closeRound(input(scores, top(2, 'office-decides'), { tiePasses: ['b', 'c'] })).ok).toBe(false);
    expect(closeRound(input(scores, top(2, 'office-decides'), { tiePasses: ['e'] })).ok).toBe(false);
    expect(closeRound(input(scores, top(2, 'office-decides'), { tiePasses: ['c'] }))).toMatchObject({ ok: true, passes: ['a', 'c'], leaves: ['b', 'e'] });
  });

  it('passes every application at or above a threshold', () => {
    const res = closeRound(input([agg('a', 40, 30), agg('b', 30, 39.9), agg('c', 35, 35)], { kind: 'threshold', minScore: 70 }));
    expect(res).toMatchObject({ ok: true, passes: ['a', 'c'], leaves: ['b'] });
  });

  it('states who passes exactly at the threshold, as a tie at a top-N cut is stated', () => {
    const res = closeRound(input([agg('a', 40, 30), agg('b', 30, 39.9), agg('c', 35, 35), agg('d', 40, 31)], { kind: 'threshold', minScore: 70 }));
    expect(res).toMatchObject({
      ok: true,
      passes: ['d', 'a', 'c'],
      leaves: ['b'],
      tie: { rule: 'threshold', tied: ['a', 'c'], places: 2, passes: ['a', 'c'] },
    });
    const none = closeRound(input([agg('a', 40, 31), agg('b', 30, 39.9)], { kind: 'threshold', minScore: 70 }));
    expect(none).toMatchObject({ ok: true, passes: ['a'], leaves: ['b'], tie: null });
  });

  it('refuses while a review is missing: a missing score is not zero', () => {
    const scores = [agg('a', 40, 50), agg('b', 30, 50)];
    const res = closeRound({
      ...input(scores, top(1)),
      entries: [
        done('a'),
        { applicationId: 'b', label: 'SFM-2025-0002', assigned: 3, submitted: 2 },
        { applicationId: 'c', label: 'SFM-2025-0003', assigned: 0, submitted: 0 },
      ],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues.map((i) => i.message.ko)).toEqual([
      'SFM-2025-0002는 평가 3건 중 2건만 제출되었습니다 (빠진 점수를 0점으로 보지 않습니다)',
      'SFM-2025-0003은 이 단계에 배정된 평가위원이 없습니다',
    ]);
  });
});

// scores in half points so ties happen often
const scoresArb = fc
  .array(fc.record({ market: fc.integer({ min: 0, max: 8 }), tech: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 14 })
  .map((xs) => xs.map((x, i) => agg(`app-${String(i).padStart(2, '0')}`, x.market / 2, x.tech / 2)));

describe('closing a round, properties', () => {
  it('at a threshold no one at or above it is left out, no one below it passes, and those exactly at it are named', () => {
    fc.assert(
      fc.property(scoresArb, fc.integer({ min: 0, max: 12 }), (scores, twice) => {
        const minScore = twice / 2;
        const res = closeRound(input(scores, { kind: 'threshold', minScore }));
        if (!res.ok) return false;
        const score = new Map(scores.map((s) => [s.applicationId, s.score]));
        for (const id of res.passes) expect(score.get(id)!).toBeGreaterThanOrEqual(minScore);
        for (const id of res.leaves) expect(score.get(id)!).toBeLessThan(minScore);
        expect(res.passes.length + res.leaves.length).toBe(scores.length);
        const exact = scores
          .filter((s) => s.score === minScore)
          .map((s) => s.applicationId)
          .sort();
        expect([...(res.tie?.tied ?? [])].sort()).toEqual(exact);
        if (res.tie) expect(res.tie).toMatchObject({ rule: 'threshold', places: exact.length });
        return true;
      }),
    );
  });

  it('a top-N shortlist never holds more than N unless the tie it states explains every extra place', () => {
    fc.assert(
      fc.property(scoresArb, fc.integer({ min: 1, max: 10 }), (scores, n) => {
        const res = closeRound(input(scores, top(n)));
        if (!res.ok) return false;
        expect(new Set([...res.passes, ...res.leaves]).size).toBe(scores.length);
        expect(res.passes.length + res.leaves.length).toBe(scores.length);
        if (res.passes.length > n) {
          expect(res.tie).not.toBeNull();
          const beyond = res.passes.slice(n);
          for (const id of beyond) expect(res.tie!.tied).toContain(id);
        } else {
          expect(res.passes.length).toBe(Math.min(n, scores.length));
        }
        // whoever passes scores at least as much as whoever leaves
        const score = new Map(scores.map((s) => [s.applicationId, s.score]));
        const worstPass = Math.min(...res.passes.map((id) => score.get(id)!));
        for (const id of res.leaves) expect(score.get(id)!).toBeLessThanOrEqual(worstPass);
        return true;
      }),
    );
  });

  it('under office-decides the shortlist is exactly N once the office names the places left', () => {
    fc.assert(
      fc.property(scoresArb, fc.integer({ min: 1, max: 10 }), (scores, n) => {
        const first = closeRound(input(scores, top(n, 'office-decides')));
        if (first.ok) {
          expect(first.passes.length).toBe(Math.min(n, scores.length));
          return;
        }
        const tie = first.tie!;
        const res = closeRound(input(scores, top(n, 'office-decides'), { tiePasses: tie.tied.slice(-tie.places) }));
        expect(res.ok).toBe(true);
        if (res.ok) expect(res.passes.length).toBe(n);
      }),
    );
  });

  it('any application with an unsubmitted review blocks closing, whatever the scores', () => {
    fc.assert(
      fc.property(scoresArb, fc.nat(), fc.integer({ min: 1, max: 10 }), (scores, pick, n) => {
        const entries = scores.map((s) => done(s.applicationId));
        const i = pick % entries.length;
        entries[i] = { ...entries[i]!, submitted: entries[i]!.assigned - 1 };
        const res = closeRound({ ...input(scores, top(n)), entries });
        expect(res.ok).toBe(false);
      }),
    );
  });
});
