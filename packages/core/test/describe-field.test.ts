import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describeField } from '../src/shared/describe-field.ts';

const kai = JSON.parse(readFileSync(new URL('../../app/seed/programs/k-ai.json', import.meta.url), 'utf8'));
const sfm = JSON.parse(readFileSync(new URL('../../app/seed/programs/specialized-fm.json', import.meta.url), 'utf8'));

describe('a program field in words (issue 15 item 7: no field paths on a Korean page)', () => {
  it('names a phase date by the phase', () => {
    expect(describeField(sfm, 'phases.1.end')).toEqual({ ko: `${sfm.phases[1].name.ko} 종료일`, en: `${sfm.phases[1].name.en} end` });
  });

  it('names a weight by its criteria group and a pool size by its pool', () => {
    expect(describeField(sfm, 'selectionScheme.groups.0.points').ko).toBe(`선정 평가 ${sfm.selectionScheme.groups[0].name.ko} 배점`);
    expect(describeField(sfm, 'gpuPools.0.gpuCount').ko).toBe(`${sfm.gpuPools[0].name.ko} GPU 수`);
  });

  it('names an eligibility rule by its kind', () => {
    const i = sfm.eligibility.rules.findIndex((r: { kind: string }) => r.kind === 'allowedLeadTypes');
    expect(describeField(sfm, `eligibility.rules.${i}.types.0`).ko).toBe('자격 요건 주관기관 유형 규칙 기관 유형 1번째');
  });

  it('says the position of an unnamed item and keeps an unknown key apart from the words', () => {
    expect(describeField({ sources: [{ ko: 'a', en: 'b' }] }, 'sources.0.ko')).toEqual({ ko: '출처 1번째 한국어', en: 'sources #1 Korean' });
    expect(describeField({ novel: 1 }, 'novel').ko).toBe('novel');
  });

  it('never shows a dotted path or a bare position for any field an edit of the seed can change', () => {
    // every leaf of both seeded programs: what an edit can touch
    const leafPaths = (v: unknown, path = ''): string[] =>
      typeof v === 'object' && v !== null ? Object.entries(v).flatMap(([k, x]) => leafPaths(x, path ? `${path}.${k}` : k)) : [path];
    const leaves = [...leafPaths(sfm).map((field) => ({ def: sfm, field })), ...leafPaths(kai).map((field) => ({ def: kai, field }))];
    fc.assert(
      fc.property(fc.constantFrom(...leaves), ({ def, field }) => {
        const { ko } = describeField(def, field);
        expect(ko).not.toMatch(/[a-z]+\.[a-z0-9]+/i);
        expect(ko).not.toMatch(/(^| )\d+( |$)/);
        expect(ko, field).not.toMatch(/(^| )[a-z][A-Za-z]*( |$)/);
      }),
    );
  });
});
