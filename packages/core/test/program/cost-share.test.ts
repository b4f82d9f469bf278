import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costShareIssues, declarationIssues, opennessFlag, teamShareWon, tierReached, type CostShareScheme } from '../../src/program/cost-share.ts';
import { validateProgram } from '../../src/program/validate-program.ts';

const sfm = JSON.parse(readFileSync(new URL('../../../app/seed/programs/specialized-fm.json', import.meta.url), 'utf8'));
const scheme: CostShareScheme = sfm.costShare;
const BUDGET = 12_345_678_901;
const open = (weights: boolean, code: boolean, data: boolean, osiLicence: boolean) => ({ weights, code, data, osiLicence });

describe('cost share by openness (specialized-fm seed: 30 / 20 / 10 %, assumed)', () => {
  it('computes the team’s own share per tier in whole won, halves rounded up', () => {
    expect(scheme.tiers.map((t) => teamShareWon(BUDGET, t))).toEqual([3_703_703_670, 2_469_135_780, 1_234_567_890]);
    expect(teamShareWon(5, { teamSharePercent: 10 })).toBe(1); // 0.5 won → 1
    expect(teamShareWon(10_000_000_000_000, { teamSharePercent: 12.35 })).toBe(1_235_000_000_000);
  });

  it('finds the most open tier a release reaches; an OSI licence is needed for the top one', () => {
    expect(tierReached(scheme, open(true, false, false, true))).toBe(0);
    expect(tierReached(scheme, open(true, true, true, false))).toBe(1);
    expect(tierReached(scheme, open(true, true, true, true))).toBe(2);
    expect(tierReached(scheme, open(false, true, true, true))).toBeNull();
  });

  it('flags a release below the declared tier with the difference in won', () => {
    const declared = { opennessTier: 'weights-code-data-osi', budgetWon: 10_000_000_000 };
    const flag = opennessFlag(scheme, declared, [open(true, false, false, true), open(true, true, false, true)]);
    expect(flag).toMatchObject({
      declaredTier: 'weights-code-data-osi',
      reachedTier: 'weights-code',
      declaredShareWon: 1_000_000_000,
      reachedShareWon: 2_000_000_000,
      differenceWon: 1_000_000_000,
    });
    expect(flag!.message.ko).toBe(
      "'가중치·코드·데이터 공개(OSI 라이선스)' 공개를 약속했으나 '가중치·코드 공개' 수준까지만 공개: 자부담 1,000,000,000원 → 2,000,000,000원, 차액 1,000,000,000원",
    );
    // at or above the tier, or nothing released yet: no flag
    expect(opennessFlag(scheme, declared, [open(true, true, true, true)])).toBeNull();
    expect(opennessFlag(scheme, declared, [])).toBeNull();
    // below every tier: charged at least at the first tier's share
    expect(opennessFlag(scheme, { opennessTier: 'weights-code', budgetWon: 1_000 }, [open(false, true, false, false)])).toMatchObject({
      reachedTier: null,
      differenceWon: 100,
    });
  });

  it('a proposal’s tier must be one of the program’s, naming the field', () => {
    expect(declarationIssues({ opennessTier: 'weights-code' }, scheme)).toEqual([]);
    const [bad] = declarationIssues({ opennessTier: 'everything' }, scheme);
    expect(bad!.field).toBe('proposal.opennessTier');
    expect(bad!.message.ko).toContain('가중치 공개, 가중치·코드 공개');
    expect(declarationIssues({ opennessTier: 'weights' }, undefined)[0]!.field).toBe('proposal.opennessTier');
  });

  it('the program editor refuses tiers that ask less than the one before or a larger share for more openness', () => {
    const edited = structuredClone(sfm);
    edited.costShare.tiers[1].requires.weights = false;
    edited.costShare.tiers[2].teamSharePercent = 25;
    edited.costShare.tiers[0].teamSharePercent = 30.125;
    expect(validateProgram(edited).issues.map((i) => i.field)).toEqual([
      'costShare.tiers.0.teamSharePercent',
      'costShare.tiers.1.requires',
      'costShare.tiers.2.teamSharePercent',
    ]);
    expect(costShareIssues(scheme)).toEqual([]);
    expect(validateProgram(sfm).issues).toEqual([]);
  });
});
