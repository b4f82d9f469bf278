import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') });
  return { code, out, err };
}

let dir: string;
let desiredFile: string;
let stateFile: string;
const tasks = (extra: object[] = []) => ({
  tasks: [
    { programSlug: 'specialized-fm', taskKey: 'T1', gpus: 4, blocked: false, members: ['alice'] },
    { programSlug: 'specialized-fm', taskKey: 'T2', gpus: 2, gpuMinutes: 6000, members: ['bob'] },
    ...extra,
  ],
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sg-slurm-cli-'));
  desiredFile = join(dir, 'desired.json');
  stateFile = join(dir, 'cluster.json');
  await writeFile(desiredFile, JSON.stringify(tasks()));
});

describe('stagegate slurm plan / apply (emulated cluster)', () => {
  it('plan prints the steps with their commands and changes nothing', async () => {
    const r = await cli(['slurm', 'plan', '--desired', desiredFile, '--emulator', stateFile]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Slurm plan: 7 step\(s\) to run/);
    expect(r.out).toContain('$ sacctmgr -i add qos sg-specialized-fm-t2 grptres=gres/gpu=2 grptresmins=gres/gpu=6000 flags=DenyOnLimit,NoDecay');
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('plan --json gives the steps as data', async () => {
    const r = await cli(['slurm', 'plan', '--desired', desiredFile, '--emulator', stateFile, '--json']);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['allowDestructive', 'empty', 'steps', 'digest']);
    expect(json.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(json.empty).toBe(false);
    expect(json.steps[0]).toEqual({
      kind: 'create',
      destructive: false,
      skipped: false,
      description: { ko: 'QOS sg-specialized-fm-t1 생성: 동시 GPU 4', en: 'create QOS sg-specialized-fm-t1: 4 concurrent GPUs' },
      argv: ['sacctmgr', '-i', 'add', 'qos', 'sg-specialized-fm-t1', 'grptres=gres/gpu=4'],
    });
  });

  it('apply is a dry run without --yes, applies with it, and then there is nothing left', async () => {
    const dry = await cli(['slurm', 'apply', '--desired', desiredFile, '--emulator', stateFile]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Dry run: nothing changed/);
    await expect(readFile(stateFile)).rejects.toThrow();

    const real = await cli(['slurm', 'apply', '--desired', desiredFile, '--emulator', stateFile, '--yes']);
    expect(real.code).toBe(0);
    expect(real.out).toMatch(/\[7\/7\] done: associate user bob with account sg-specialized-fm-t2/);
    expect(real.out).toMatch(/Slurm matches the allocations\./);

    const again = await cli(['slurm', 'plan', '--desired', desiredFile, '--emulator', stateFile, '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ empty: true, steps: [] });
  });

  it('removes a dropped task only with --allow-destructive', async () => {
    await cli(['slurm', 'apply', '--desired', desiredFile, '--emulator', stateFile, '--yes']);
    await writeFile(desiredFile, JSON.stringify({ tasks: [tasks().tasks[0]] }));
    const gated = await cli(['slurm', 'apply', '--desired', desiredFile, '--emulator', stateFile, '--yes']);
    expect(gated.code).toBe(0);
    expect(gated.out).toMatch(/destructive step\(s\) skipped/);
    expect(JSON.parse(await readFile(stateFile, 'utf8')).state.accounts.map((a: { name: string }) => a.name)).toContain('sg-specialized-fm-t2');

    const allowed = await cli(['slurm', 'apply', '--desired', desiredFile, '--emulator', stateFile, '--yes', '--allow-destructive']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(await readFile(stateFile, 'utf8')).state.accounts.map((a: { name: string }) => a.name)).not.toContain('sg-specialized-fm-t2');
  });

  it('refuses a desired file with an unsafe name, naming the field (exit 2)', async () => {
    await writeFile(desiredFile, JSON.stringify(tasks([{ programSlug: 'x', taskKey: 'acct;rm -rf /', gpus: 1, members: [] }])));
    const r = await cli(['slurm', 'apply', '--desired', desiredFile, '--emulator', stateFile, '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tasks\.2\.taskKey: only letters, digits/);
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('refuses a malformed desired file with its position, and a missing --desired', async () => {
    await writeFile(desiredFile, '{"tasks": [\n  {"programSlug": "x",}\n]}');
    const bad = await cli(['slurm', 'plan', '--desired', desiredFile, '--emulator', stateFile]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 2, column/);

    await writeFile(desiredFile, JSON.stringify({ tasks: [{ programSlug: 'x', taskKey: 'y', gpus: -1 }] }));
    const negative = await cli(['slurm', 'plan', '--desired', desiredFile, '--emulator', stateFile]);
    expect(negative.code).toBe(2);
    expect(negative.err).toMatch(/tasks\.0\.gpus/);

    const missing = await cli(['slurm', 'plan', '--emulator', stateFile]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--desired/);
  });

  it('says plainly when the Slurm tools cannot be run', async () => {
    const r = await cli(['slurm', 'plan', '--desired', desiredFile, '--slurm-bin', join(dir, 'no-such-bin')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read Slurm's state: cannot run .*no-such-bin\/sacctmgr: not found/);
  });
});
