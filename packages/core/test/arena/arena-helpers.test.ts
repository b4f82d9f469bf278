import { describe, expect, it } from 'vitest';
import { drawPair, evaluatorView, recordBlindVote, sealBattle } from '../../src/arena/blind-pairing.ts';
import { capVotesPerEvaluator } from '../../src/arena/evaluator-cap.ts';
import { summariseLikert } from '../../src/arena/likert.ts';
import { convertToPoints } from '../../src/arena/points-conversion.ts';
import { createRng } from '../../src/shared/random.ts';

describe('evaluator cap', () => {
  it('keeps each evaluator’s first votes up to the cap, in the order given', () => {
    const votes = ['u1', 'u2', 'u1', 'u1', 'u3', 'u2', 'u1'].map((evaluator, i) => ({ evaluator, n: i }));
    const { kept, dropped } = capVotesPerEvaluator(votes, 2);
    expect(kept.map((v) => v.n)).toEqual([0, 1, 2, 4, 5]);
    expect(dropped.map((v) => v.n)).toEqual([3, 6]);
    expect(capVotesPerEvaluator(votes, 2)).toEqual({ kept, dropped });
    expect(capVotesPerEvaluator(votes, 0).kept).toEqual([]);
    expect(() => capVotesPerEvaluator(votes, 1.5)).toThrow();
  });
});

describe('blind pairing', () => {
  const answers: [{ model: string; answer: string }, { model: string; answer: string }] = [
    { model: 'team-alpha-7b', answer: '서울입니다.' },
    { model: 'team-bravo-32b', answer: 'Seoul.' },
  ];

  it('never shows a model identity to the evaluator', () => {
    const battle = sealBattle(createRng(1), 'b-1', '한국의 수도는?', answers);
    const shown = JSON.stringify(evaluatorView(battle));
    expect(shown).not.toContain('team-alpha');
    expect(shown).not.toContain('team-bravo');
    expect(shown).toContain('서울입니다.');
  });

  it('puts each answer on the left about half the time', () => {
    const rng = createRng(2);
    let alphaLeft = 0;
    for (let i = 0; i < 4000; i++) if (sealBattle(rng, `b-${i}`, 'p', answers).left.model === 'team-alpha-7b') alphaLeft++;
    expect(Math.abs(alphaLeft / 4000 - 0.5)).toBeLessThan(0.03);
  });

  it('turns a side choice into a vote for the model behind that side', () => {
    const battle = sealBattle(createRng(3), 'b-2', 'p', answers);
    const leftModel = battle.left.model,
      rightModel = battle.right.model;
    expect(recordBlindVote(battle, 'left')).toEqual({ model_a: leftModel, model_b: rightModel, winner: 'model_a' });
    expect(recordBlindVote(battle, 'right').winner).toBe('model_b');
    expect(recordBlindVote(battle, 'tie').winner).toBe('tie');
    expect(recordBlindVote(battle, 'bothBad').winner).toBe('tie (bothbad)');
  });

  it('draws two different models', () => {
    const rng = createRng(4);
    for (let i = 0; i < 200; i++) {
      const [a, b] = drawPair(rng, ['x', 'y', 'z']);
      expect(a).not.toBe(b);
    }
    expect(() => drawPair(rng, ['x'])).toThrow();
  });
});

describe('conversion to points', () => {
  it('gives the best team full points and the others in proportion', () => {
    const p = convertToPoints({ a: 4.5, b: 3.6, c: 4.05 }, 25, { kind: 'proportionalToBest' });
    expect(p.a).toBe(25);
    expect(p.b).toBeCloseTo(20, 10);
    expect(p.c).toBeCloseTo(22.5, 10);
  });
  it('scales linearly from a floor to the best', () => {
    const p = convertToPoints({ a: 5, b: 3, c: 0.5 }, 25, { kind: 'linearFromFloorToBest', floor: 1 });
    expect(p).toEqual({ a: 25, b: 12.5, c: 0 });
  });
  it('turns arena ratings into points independently of the rating anchor', () => {
    const one = convertToPoints({ a: 1100, b: 1000 }, 25, { kind: 'expectedScoreVsBest' });
    const shifted = convertToPoints({ a: 1600, b: 1500 }, 25, { kind: 'expectedScoreVsBest' });
    expect(one.a).toBe(25);
    expect(one.b).toBeCloseTo(shifted.b, 10);
    // 100 points below: expected score 0.36 against the best, i.e. 72 % of full points
    expect(one.b).toBeCloseTo(25 * 2 * (1 / (1 + 10 ** 0.25)), 10);
  });
  it('maps an absolute scale and clamps', () => {
    expect(convertToPoints({ a: 3, b: 6 }, 10, { kind: 'linearOnScale', min: 1, max: 5 })).toEqual({ a: 5, b: 10 });
  });
});

describe('Likert summary', () => {
  it('averages per criterion, then across criteria', () => {
    const [s] = summariseLikert([
      { team: 't', evaluator: 'e1', criterion: 'usefulness', score: 5 },
      { team: 't', evaluator: 'e2', criterion: 'usefulness', score: 3 },
      { team: 't', evaluator: 'e3', criterion: 'usefulness', score: 4 },
      { team: 't', evaluator: 'e1', criterion: 'cost', score: 2 },
    ]);
    expect(s.byCriterion).toEqual({ usefulness: 4, cost: 2 });
    expect(s.mean).toBe(3);
    expect(s.responses).toBe(4);
    expect(() => summariseLikert([{ team: 't', evaluator: 'e', criterion: 'c', score: 6 }])).toThrow(/outside 1–5/);
  });
});
