import { describe, expect, it } from 'vitest';
import { checkResult } from '../../src/results-bundle/check-result.ts';
import { buildFinalBundle } from '../../src/results-bundle/final-bundle.ts';
import { parseCsv, toCsv } from '../../src/results-bundle/csv-table.ts';
import { publication, selectionBundle, stageBundle } from './fixtures.ts';

const edit = (files: Record<string, string>, name: string, fn: (rows: Record<string, string>[]) => Record<string, string>[]) => {
  const rows = fn(parseCsv(files[name]!, name));
  const header = Object.keys(parseCsv(files[name]!, name)[0]!);
  return {
    ...files,
    [name]: toCsv(
      header,
      rows.map((r) => header.map((h) => r[h]!)),
    ),
  };
};

describe('issue 18 item 2: a bundle recomputes to the published result', () => {
  it('a stage decision bundle recomputes identically with the current computation (v2)', () => {
    const b = stageBundle('by-expert');
    expect(b.computationVersion).toBe(2);
    const r = checkResult('stage-decision', 2, b.files);
    expect(r.status).toBe('identical');
    expect(r.status === 'identical' && r.figures).toBeGreaterThan(50);
  });

  it('a bundle made by the older computation (v1, panel in storage order) still verifies, and only under v1', () => {
    const b = stageBundle('as-given');
    expect(b.computationVersion).toBe(1);
    expect(checkResult('stage-decision', 1, b.files).status).toBe('identical');
    // the versions really differ: rerun with today's computation, the bootstrap's figures move
    const under2 = checkResult('stage-decision', 2, b.files);
    expect(under2.status).toBe('differs');
    expect(under2.status === 'differs' && under2.difference.path).toMatch(/^result\.probabilityLast\["kai-[a-e]"\]$/);
  });

  it('changing one panel score is named as the first figure that differs, with by how much', () => {
    const b = stageBundle('by-expert');
    const files = edit(b.files, 'expert-scores.csv', (rows) =>
      rows.map((r) => (r.team === 'kai-c' && r.expert === 'E05' ? { ...r, score: String(Number(r.score) + 30) } : r)),
    );
    const r = checkResult('stage-decision', 2, files);
    expect(r.status).toBe('differs');
    if (r.status !== 'differs') return;
    expect(r.difference.path).toBe('result.teams["kai-c"].total');
    expect(r.difference.delta).toBeGreaterThan(0);
    expect(r.message).toMatch(/^result\.teams\["kai-c"\]\.total: published [\d.]+, recomputed [\d.]+ \(differs by \+[\d.]+\)$/);
  });

  it('removing a measurement row is caught (the team loses that component)', () => {
    const b = stageBundle('by-expert');
    let removed = '';
    const files = edit(b.files, 'measurements.csv', (rows) => rows.filter((r, i) => (i === 0 ? ((removed = r.team!), false) : true)));
    const r = checkResult('stage-decision', 2, files);
    expect(r.status).toBe('differs');
    expect(r.status === 'differs' && r.difference.path).toBe(`result.teams["${removed}"].total`);
    expect(r.status === 'differs' && r.difference.delta).toBeLessThan(0);
  });

  it('a selection bundle recomputes identically; a changed sheet moves the named application', () => {
    const b = selectionBundle();
    expect(checkResult('selection', 1, b.files).status).toBe('identical');
    const files = edit(b.files, 'review-scores.csv', (rows) =>
      rows.map((r) => (r.application === 'SFM-2025-0002' && r.reviewer === 'R-2' ? { ...r, market: '0' } : r)),
    );
    const r = checkResult('selection', 1, files);
    expect(r.status).toBe('differs');
    expect(r.status === 'differs' && r.message).toMatch(/SFM-2025-0002|rank/);
  });

  it('removing a decision row is caught', () => {
    const b = selectionBundle();
    const files = edit(b.files, 'decisions.csv', (rows) => rows.slice(1));
    const r = checkResult('selection', 1, files);
    expect(r.status === 'differs' && r.difference.path).toBe('result.decisions["SFM-2025-0001"]');
  });

  it('a final evaluation bundle recomputes the excellence designation; reports are listed by hash only', () => {
    const b = buildFinalBundle(
      {
        rule: { kind: 'topN', n: 1 },
        scores: [
          { task: 'sfm-01', score: 88 },
          { task: 'sfm-02', score: 81.5 },
        ],
        reports: [
          { task: 'sfm-01', sha256: 'a'.repeat(64) },
          { task: 'sfm-02', sha256: null },
        ],
        published: { designations: { 'sfm-01': { rank: 1, excellent: true }, 'sfm-02': { rank: 2, excellent: false } } },
      },
      publication,
    );
    expect(checkResult('final-evaluation', 1, b.files).status).toBe('identical');
    expect(b.private.map((p) => p.input)).toEqual(['finalReports']);
    expect(Object.keys(b.files)).not.toContain('final-reports.csv');
    const files = { ...b.files, 'final-scores.csv': 'task,score\nsfm-01,80\nsfm-02,81.5\n' };
    const r = checkResult('final-evaluation', 1, files);
    expect(r.status === 'differs' && r.message).toBe('result.designations["sfm-01"].rank: published 1, recomputed 2 (differs by +1)');
  });

  it('a file that is not a bundle input is bad input, named, not a difference', () => {
    const b = stageBundle('by-expert');
    const r = checkResult('stage-decision', 2, { ...b.files, 'expert-scores.csv': 'team,component,expert,score\nkai-a,x,E01,abc\n' });
    expect(r).toMatchObject({ status: 'unreadable', message: 'expert-scores.csv: line 2, column "score" is not a number ("abc")' });
    expect(checkResult('stage-decision', 9, b.files)).toMatchObject({
      status: 'unreadable',
      message: 'this Stagegate does not know stage-decision computation version 9',
    });
  });
});
