import { describe, expect, it } from 'vitest';
import { fitBradleyTerry } from '../../src/arena/bradley-terry.ts';
import { rateModels } from '../../src/arena/leaderboard.ts';
import { buildPairTable, PairTableBuilder } from '../../src/arena/pair-table.ts';
import { toRatings } from '../../src/arena/rating-scale.ts';
import { syntheticVotes } from '../../src/arena/synthetic-votes.ts';
import type { ArenaVote, ArenaWinner } from '../../src/arena/vote.ts';

const truth: Record<string, number> = { alpha: 1250, bravo: 1150, charlie: 1080, delta: 1000, echo: 930, foxtrot: 800 };
const centred = (r: Record<string, number>) => {
  const mean = Object.values(r).reduce((s, x) => s + x, 0) / Object.keys(r).length;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v - mean + 1000]));
};

function repeat(a: string, b: string, winner: ArenaWinner, n: number): ArenaVote[] {
  return Array.from({ length: n }, () => ({ model_a: a, model_b: b, winner }));
}

function ratingsOf(votes: ArenaVote[], priorGames = 0) {
  const table = buildPairTable(votes);
  const fit = fitBradleyTerry(table, { priorGames });
  const r = toRatings(fit.logStrength, table.models);
  return Object.fromEntries(table.models.map((m, i) => [m, r[i]]));
}

describe('Bradley–Terry fit', () => {
  it('recovers the order and the rating differences of known strengths', () => {
    for (const tieRate of [0, 0.3]) {
      const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 60_000, seed: 11, tieRate }));
      const fit = fitBradleyTerry(table);
      expect(fit.converged).toBe(true);
      const r = toRatings(fit.logStrength, table.models);
      const got = Object.fromEntries(table.models.map((m, i) => [m, r[i]]));
      const want = centred(truth);
      const order = Object.keys(got).sort((a, b) => got[b] - got[a]);
      expect(order).toEqual(Object.keys(truth));
      for (const m of Object.keys(truth)) expect(Math.abs(got[m] - want[m])).toBeLessThan(15);
      const meanRating = Object.values(got).reduce((s, x) => s + x, 0) / 6;
      expect(meanRating).toBeCloseTo(1000, 6);
    }
  });

  it('counts a tie as half a win to each side, both kinds alike', () => {
    // 300 wins, 100 losses and 200 ties: scores 400 : 200, so odds 2:1 → 400·log10 2 ≈ 120.4 points
    const base = [...repeat('a', 'b', 'model_a', 300), ...repeat('a', 'b', 'model_b', 100)];
    const plain = ratingsOf([...base, ...repeat('a', 'b', 'tie', 200)]);
    const bothBad = ratingsOf([...base, ...repeat('b', 'a', 'tie (bothbad)', 200)]);
    expect(plain.a - plain.b).toBeCloseTo(400 * Math.log10(2), 0);
    expect(bothBad.a - bothBad.b).toBeCloseTo(plain.a - plain.b, 9);
    const onlyTies = ratingsOf(repeat('a', 'b', 'tie', 50));
    expect(onlyTies.a).toBeCloseTo(onlyTies.b, 9);
  });

  it('reads the winner relative to the A/B order of each vote', () => {
    const one = ratingsOf([...repeat('x', 'y', 'model_a', 30), ...repeat('y', 'x', 'model_b', 30), ...repeat('x', 'y', 'model_b', 20)]);
    // x won 60, y won 20
    expect(one.x - one.y).toBeGreaterThan(150);
    expect(one.x - one.y).toBeLessThan(400 * Math.log10(3) + 1);
  });

  it('17.6 by default says the plain MLE does not exist for an undefeated model, and names it', () => {
    const votes = [
      ...repeat('champ', 'b', 'model_a', 40),
      ...repeat('champ', 'c', 'model_a', 40),
      ...repeat('b', 'c', 'model_a', 30),
      ...repeat('b', 'c', 'model_b', 20),
    ];
    const fit = fitBradleyTerry(buildPairTable(votes));
    expect(fit).toMatchObject({ mleExists: false, converged: false, cutOff: { neverLost: ['champ'], neverWon: ['b', 'c'] } });
    expect(() => rateModels(buildPairTable(votes), { bootstrap: 0 })).toThrow(
      'do not exist for these votes: champ never lost; b, c never won against the models outside their group',
    );
  });

  it("17.6 the plain MLE solves the likelihood equations: each model's expected score equals its actual score", () => {
    const votes = [
      ...repeat('a', 'b', 'model_a', 70),
      ...repeat('a', 'b', 'model_b', 30),
      ...repeat('b', 'c', 'model_a', 55),
      ...repeat('b', 'c', 'model_b', 40),
      ...repeat('c', 'a', 'model_a', 20),
      ...repeat('c', 'a', 'tie', 15),
      ...repeat('c', 'a', 'model_b', 60),
    ];
    const r = ratingsOf(votes);
    const p = (x: number, y: number) => 1 / (1 + 10 ** ((y - x) / 400));
    // a: 70 wins of 100 vs b, 60 + 7.5 of 95 vs c
    expect(100 * p(r.a!, r.b!) + 95 * p(r.a!, r.c!)).toBeCloseTo(70 + 67.5, 6);
    expect(100 * p(r.b!, r.a!) + 95 * p(r.b!, r.c!)).toBeCloseTo(30 + 55, 6);
    expect((r.a! + r.b! + r.c!) / 3).toBeCloseTo(1000, 9);
    // the old default, a prior of one tied pseudo-game each, pulls them together
    const prior = ratingsOf(votes, 1);
    expect(prior.a! - prior.c!).toBeLessThan(r.a! - r.c!);
  });

  it('keeps an undefeated model finite and above the others with an explicit prior', () => {
    const r = ratingsOf(
      [...repeat('champ', 'b', 'model_a', 40), ...repeat('champ', 'c', 'model_a', 40), ...repeat('b', 'c', 'model_a', 30), ...repeat('b', 'c', 'model_b', 20)],
      1,
    );
    expect(Number.isFinite(r.champ)).toBe(true);
    expect(r.champ).toBeGreaterThan(r.b + 300);
    expect(r.b).toBeGreaterThan(r.c);
  });

  it('links models that never met through an explicit prior instead of diverging', () => {
    expect(fitBradleyTerry(buildPairTable([...repeat('a', 'b', 'model_a', 10), ...repeat('c', 'd', 'model_a', 10)])).mleExists).toBe(false);
    const r = ratingsOf([...repeat('a', 'b', 'model_a', 10), ...repeat('c', 'd', 'model_a', 10)], 1);
    for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
    expect(r.a).toBeCloseTo(r.c, 6);
    expect(r.b).toBeCloseTo(r.d, 6);
  });

  it('aggregates streamed votes into one table regardless of A/B order', () => {
    const b = new PairTableBuilder();
    b.add({ model_a: 'p', model_b: 'q', winner: 'model_a' });
    b.add({ model_a: 'q', model_b: 'p', winner: 'model_a' });
    b.add({ model_a: 'q', model_b: 'p', winner: 'tie' });
    const t = b.build();
    expect(t.first.length).toBe(1);
    expect([t.firstWins[0], t.secondWins[0], t.ties[0]]).toEqual([1, 1, 1]);
    expect(Array.from(t.battles)).toEqual([3, 3]);
    expect(() => b.add({ model_a: 'p', model_b: 'p', winner: 'tie' })).toThrow();
  });

  it('anchors to a named model when asked', () => {
    const table = buildPairTable(syntheticVotes({ ratings: truth, votes: 5_000, seed: 2 }));
    const board = rateModels(table, { bootstrap: 0, anchor: { kind: 'model', model: 'delta', rating: 1000 } });
    const byModel = Object.fromEntries(board.models.map((m) => [m.model, m]));
    expect(byModel.delta.rating).toBe(1000);
    const mean = rateModels(table, { bootstrap: 0 });
    const meanBy = Object.fromEntries(mean.models.map((m) => [m.model, m.rating]));
    expect(byModel.alpha.rating - byModel.foxtrot.rating).toBeCloseTo(meanBy.alpha - meanBy.foxtrot, 9);
  });
});
