import { describe, expect, it } from 'vitest';
import { checkResult } from '../../src/results-bundle/check-result.ts';
import { parseCsv, toCsv } from '../../src/results-bundle/csv-table.ts';
import { resultPublication } from '../../src/results-bundle/public-inputs.ts';
import { arenaStageBundle } from './fixtures.ts';

const votesOf = (files: Record<string, string>) => parseCsv(files['arena-votes.csv']!, 'arena-votes.csv');
const withVotes = (files: Record<string, string>, rows: Record<string, string>[]) => {
  const header = ['component', 'model_a', 'model_b', 'winner', 'evaluator'];
  return {
    ...files,
    'arena-votes.csv': toCsv(
      header,
      rows.map((r) => header.map((h) => r[h]!)),
    ),
  };
};

describe('issue 18: arena votes in a stage bundle', () => {
  it('carries the votes and the seed without evaluator identities, and verifies', () => {
    const { built, component, evaluators } = arenaStageBundle();
    const votes = votesOf(built.files);
    expect(votes).toHaveLength(240);
    expect(new Set(votes.map((v) => v.evaluator))).toEqual(new Set(['V001', 'V002', 'V003', 'V004']));
    for (const text of Object.values(built.files)) for (const e of evaluators) expect(text).not.toContain(e);
    expect(JSON.parse(built.files['arenas.json']!)).toEqual([{ component, seed: 42, bootstrapRounds: 200, capPerEvaluator: 50 }]);
    const r = checkResult('stage-decision', 2, built.files);
    expect(r.status).toBe('identical');
  });

  it('changing one vote is caught, naming the rating that differs', () => {
    const { built, component } = arenaStageBundle();
    const rows = votesOf(built.files);
    const k = rows.findIndex((v) => v.winner === 'model_a' && v.evaluator === 'V001');
    const flipped = rows.map((v, i) => (i === k ? { ...v, winner: 'model_b' } : v));
    const r = checkResult('stage-decision', 2, withVotes(built.files, flipped));
    expect(r.status).toBe('differs');
    if (r.status !== 'differs') return;
    expect(r.difference.path).toMatch(new RegExp(`^result\\.arenaRatings\\["${component}"\\]\\["kai-[a-e]"\\]$`));
    expect(Math.abs(r.difference.delta!)).toBeGreaterThan(0.01);
    expect(r.message).toContain('differs by');
  });

  it('removing one vote row is caught', () => {
    const { built } = arenaStageBundle();
    const r = checkResult('stage-decision', 2, withVotes(built.files, votesOf(built.files).slice(1)));
    expect(r.status).toBe('differs');
  });

  it('when the program keeps votes private, they are listed by hash only and no unverifiable rating is published', () => {
    const { built } = arenaStageBundle(resultPublication.parse({ arenaVotes: 'hashOnly' }));
    expect(built.files['arena-votes.csv']).toBeUndefined();
    expect(built.private.map((p) => p.input)).toContain('arenaVotes');
    expect(JSON.parse(built.files['result.json']!).arenaRatings).toBeUndefined();
    expect(checkResult('stage-decision', 2, built.files).status).toBe('identical');
  });
});
