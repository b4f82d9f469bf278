import { describe, expect, it } from 'vitest';
import { SlurmNameError, assertClusterUsername, assertManagedName, programAccountName, taskAccountName } from '../../src/slurm/names.ts';

describe('Slurm names', () => {
  it('builds lowercase, prefixed account names from program slugs and task keys', () => {
    expect(programAccountName('Specialized-FM')).toBe('sg-specialized-fm');
    expect(taskAccountName('specialized-fm', 'T-07')).toBe('sg-specialized-fm-t-07');
  });

  it.each(['acct;rm -rf /', 'a b', '$(id)', '`id`', 'x,y', 'a=b', 'name|x', '-rf', '', 'über', 'a\nb', 'acct/..'])(
    'refuses %j before it can reach a command',
    (bad) => {
      expect(() => programAccountName(bad)).toThrow(SlurmNameError);
      expect(() => taskAccountName('ok', bad)).toThrow(SlurmNameError);
    },
  );

  it('refuses names longer than Slurm tools show', () => {
    expect(() => taskAccountName('p'.repeat(30), 't'.repeat(40))).toThrow(/longer than 64/);
    expect(taskAccountName('p'.repeat(30), 't'.repeat(30))).toHaveLength(64);
  });

  it('never lets Stagegate act on a name outside its prefix', () => {
    expect(() => assertManagedName('root')).toThrow(/never touches/);
    expect(() => assertManagedName('sg-')).toThrow(SlurmNameError);
    expect(assertManagedName('sg-x')).toBe('sg-x');
  });

  it('accepts Linux usernames and refuses anything shell-like', () => {
    expect(assertClusterUsername('kim.minsu')).toBe('kim.minsu');
    expect(assertClusterUsername('_svc-1')).toBe('_svc-1');
    for (const bad of ['Kim', 'a;b', '1abc', 'a b', 'x'.repeat(33), "o'neil", 'a,b']) {
      expect(() => assertClusterUsername(bad), bad).toThrow(SlurmNameError);
    }
  });

  it('explains a refusal in Korean and English', () => {
    try {
      programAccountName('acct;rm');
      expect.unreachable();
    } catch (e) {
      expect((e as SlurmNameError).reason.ko).toMatch(/영문/);
      expect((e as SlurmNameError).reason.en).toMatch(/letters, digits/);
    }
  });
});
