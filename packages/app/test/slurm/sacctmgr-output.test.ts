import { describe, expect, it } from 'vitest';
import { planSlurmChanges } from '@stagegate/core/slurm/plan';
import { parseAssociations, parseQos } from '../../src/adapters/slurm/sacctmgr-output.ts';
import { commandLine } from '../../src/adapters/slurm/command-runner.ts';
import { gpusFromGres } from '../../src/adapters/slurm/slurm-client.ts';

// Captured from Slurm 22.05.8 (`sacctmgr -n -P show qos|assoc format=…`) after an apply.
const qosText = `normal||||
sg-fm-a|gres/gpu=6|gres/gpu=100|0|DenyOnLimit,NoDecay
sg-fm-b|cpu=8,gres/gpu=2|||
`;
const assocText = `nacc|root||||normal|
nacc|root|root|||normal|
nacc|sg-fm|||root|normal|
nacc|sg-fm-a|||sg-fm|sg-fm-a|sg-fm-a
nacc|sg-fm-a|alice|b200||sg-fm-a|sg-fm-a
nacc|physics|||root|high,normal|high
edge|sg-fm|||root|normal|
`;

describe('reading sacctmgr -P output', () => {
  it('reads QOS limits, the block and the managed flags', () => {
    expect(parseQos(qosText)).toEqual([
      { name: 'normal', gpus: null, gpuMinutes: null, blocked: false, flags: [] },
      { name: 'sg-fm-a', gpus: 6, gpuMinutes: 100, blocked: true, flags: ['DenyOnLimit', 'NoDecay'] },
      { name: 'sg-fm-b', gpus: 2, gpuMinutes: null, blocked: false, flags: [] },
    ]);
  });

  it('reads account and user associations', () => {
    const { accounts, users } = parseAssociations(assocText);
    expect(accounts.map((a) => [a.cluster, a.name, a.parent])).toEqual([
      ['nacc', 'root', ''],
      ['nacc', 'sg-fm', 'root'],
      ['nacc', 'sg-fm-a', 'sg-fm'],
      ['nacc', 'physics', 'root'],
      ['edge', 'sg-fm', 'root'],
    ]);
    expect(accounts[3]).toMatchObject({ qos: ['high', 'normal'], defaultQos: 'high' });
    expect(users).toEqual([
      { user: 'root', account: 'root', cluster: 'nacc', partition: null, qos: ['normal'], defaultQos: null },
      { user: 'alice', account: 'sg-fm-a', cluster: 'nacc', partition: 'b200', qos: ['sg-fm-a'], defaultQos: 'sg-fm-a' },
    ]);
  });

  it('a state read back this way plans only what differs', () => {
    const actual = { qos: parseQos(qosText), ...parseAssociations(assocText) };
    const plan = planSlurmChanges(
      {
        qos: [{ name: 'sg-fm-a', gpus: 6, gpuMinutes: 100, blocked: false, flags: ['DenyOnLimit', 'NoDecay'] }],
        accounts: [
          { name: 'sg-fm', cluster: 'nacc', parent: 'root', qos: null, defaultQos: null },
          { name: 'sg-fm-a', cluster: 'nacc', parent: 'sg-fm', qos: ['sg-fm-a'], defaultQos: 'sg-fm-a' },
        ],
        users: [{ user: 'alice', account: 'sg-fm-a', cluster: 'nacc', partition: 'b200', qos: ['sg-fm-a'], defaultQos: 'sg-fm-a' }],
      },
      actual,
    );
    expect(plan.steps.map((s) => [s.argv.join(' '), s.skipped])).toEqual([
      ['sacctmgr -i modify qos where name=sg-fm-a set grpsubmitjobs=-1', false],
      ['scancel --clusters=edge --account=sg-fm', true],
      ['sacctmgr -i remove account where name=sg-fm cluster=edge', true],
      ['sacctmgr -i remove qos where name=sg-fm-b', true],
    ]);
  });

  it('counts GPUs in squeue gres strings', () => {
    expect(gpusFromGres('gres:gpu:b200:4')).toBe(4);
    expect(gpusFromGres('gres/gpu:2')).toBe(2);
    expect(gpusFromGres('N/A')).toBe(0);
  });
});

describe('running commands', () => {
  it('puts the binary folder and prefix in front, as an argv', () => {
    expect(commandLine(['sacctmgr', '-i', 'add', 'qos', 'sg-x'], { binDir: '/opt/slurm/bin', prefix: ['sudo', '-n'] })).toEqual({
      file: 'sudo',
      args: ['-n', '/opt/slurm/bin/sacctmgr', '-i', 'add', 'qos', 'sg-x'],
    });
    expect(commandLine(['scancel', '--account=sg-x'], {})).toEqual({ file: 'scancel', args: ['--account=sg-x'] });
  });

  it('quotes each word when ssh hands them to a remote shell', () => {
    const { file, args } = commandLine(['sacctmgr', "it's"], { prefix: ['ssh', 'head'] });
    expect(file).toBe('ssh');
    expect(args).toEqual(['head', "'sacctmgr'", `'it'\\''s'`]);
  });
});
