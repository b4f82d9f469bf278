import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../src/shared/diff.ts';

describe('diffDocuments', () => {
  it('names each changed leaf by its path', () => {
    const before = { phases: [{ key: 'p1', end: '2026-03-31' }], pools: { n: 512 } };
    const after = { phases: [{ key: 'p1', end: '2026-04-30' }], pools: { n: 512 }, extra: 1 };
    expect(diffDocuments(before, after)).toEqual([
      { field: 'phases.0.end', before: '2026-03-31', after: '2026-04-30' },
      { field: 'extra', before: null, after: 1 },
    ]);
  });
  it('is empty for equal documents and reports added array rows', () => {
    expect(diffDocuments({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(diffDocuments({ a: [1] }, { a: [1, 2] })).toEqual([{ field: 'a.1', before: null, after: 2 }]);
  });
});
