import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemeForRound, schemeIssues, tieBreakOrder } from '../../src/selection/selection-scheme.ts';
import { checkScoreSheet } from '../../src/selection/score-sheet.ts';
import { validateProgram } from '../../src/program/validate-program.ts';

const seed = (slug: string) => JSON.parse(readFileSync(new URL(`../../../app/seed/programs/${slug}.json`, import.meta.url), 'utf8'));

describe("a round's own criteria (issue 16 item 1)", () => {
  it('scores the specialized-fm presentation on its own criteria (an assumption in the seed) and the documents on the call’s', () => {
    const { program, issues } = validateProgram(seed('specialized-fm'));
    expect(issues).toEqual([]);
    const documents = schemeForRound(program!, '2025-call', 'documents');
    const presentation = schemeForRound(program!, '2025-call', 'presentation');
    expect(documents).toBe(program!.selectionScheme);
    expect(presentation.groups.map((g) => [g.name.ko, g.points])).toEqual([
      ['발표 전달력', 20],
      ['실현 가능성', 40],
      ['수행 역량', 40],
    ]);
    expect(presentation.totalPoints).toBe(100);
    // an unknown round or call falls back to the call's scheme
    expect(schemeForRound(program!, '2025-call', 'interview')).toBe(program!.selectionScheme);
    expect(schemeForRound(program!, 'no-call', 'presentation')).toBe(program!.selectionScheme);
  });

  it('K-AI’s presentation has its own criteria too', () => {
    const { program, issues } = validateProgram(seed('k-ai'));
    expect(issues).toEqual([]);
    const presentation = schemeForRound(program!, '2025-call', 'presentation');
    expect(presentation).not.toBe(program!.selectionScheme);
    expect(presentation.groups.reduce((s, g) => s + g.points, 0)).toBe(presentation.totalPoints);
  });

  it("checks a round's sheet against that round's criteria, not the call's", () => {
    const { program } = validateProgram(seed('specialized-fm'));
    const presentation = schemeForRound(program!, '2025-call', 'presentation');
    const own = Object.fromEntries(presentation.groups.map((g) => [g.key, { score: g.points, comment: '좋음' }]));
    expect(checkScoreSheet(presentation, own, 'submit')).toEqual([]);
    const callKeys = Object.fromEntries(program!.selectionScheme.groups.map((g) => [g.key, { score: 1, comment: '좋음' }]));
    const issues = checkScoreSheet(presentation, callKeys, 'submit');
    expect(issues.some((i) => i.message.en.includes('is not a criterion'))).toBe(true);
    const delivery = presentation.groups.find((g) => g.points === 20)!;
    expect(checkScoreSheet(presentation, { ...own, [delivery.key]: { score: 25, comment: '과함' } }, 'submit').map((i) => i.field)).toEqual([
      `scores.${delivery.key}.score`,
    ]);
  });

  it('breaks ties by the heavier groups of the round, and refuses a round scheme whose points do not add up', () => {
    const { program } = validateProgram(seed('specialized-fm'));
    const presentation = schemeForRound(program!, '2025-call', 'presentation');
    expect(tieBreakOrder(presentation).map((k) => presentation.groups.find((g) => g.key === k)!.points)).toEqual([40, 40, 20]);
    const broken = seed('specialized-fm');
    broken.calls[0].selectionRounds[1].scheme.groups[0].points = 30;
    expect(validateProgram(broken).issues.map((i) => i.field)).toEqual(['calls.0.selectionRounds.1.scheme.groups']);
    expect(
      schemeIssues('s', {
        totalPoints: 10,
        groups: [
          { key: 'a', name: { ko: '가', en: 'a' }, points: 5, subCriteria: [] },
          { key: 'a', name: { ko: '가', en: 'a' }, points: 5, subCriteria: [] },
        ],
      }).map((i) => i.field),
    ).toEqual(['s.groups.1.key']);
  });
});
