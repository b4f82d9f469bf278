import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out: () => out.join('\n'), err: () => err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagegate-eligibility-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(['eligibility', 'check', ...argv], c.io);
  return { code, out: c.out(), err: c.err() };
}

const eligible = {
  lead: { name: '메디브레인', type: 'startup', country: 'KR', registrationNo: '220-81-62517' },
  participants: [
    { name: '서울대학교', type: 'university', country: 'KR' },
    { name: 'Global Health Inc.', type: 'sme', country: 'US', role: 'global_service', purpose: '북미 병원 대상 서비스 개발' },
  ],
};
// K-AI's teams are barred from leading specialized-fm, not from taking part (issue 16 item 6)
const ineligible = {
  lead: { name: 'LG AI연구원', type: 'large_enterprise', country: 'KR' },
  participants: [
    { name: '대한전자', type: 'large_enterprise', country: 'KR' },
    { name: 'Acme', type: 'sme', country: 'JP', role: 'model_development' },
  ],
};

describe('stagegate eligibility check', () => {
  it('exits 0 for an eligible consortium, run as a real process', async () => {
    const path = await file('eligible.json', eligible);
    const r = spawnSync(process.execPath, ['packages/app/bin/stagegate.js', 'eligibility', 'check', '--program', 'specialized-fm', '--file', path], {
      // this checkout's CLI, wherever it lives (a fixed path ran another checkout's code)
      cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ELIGIBLE');
    expect(r.stdout).not.toContain('NOT ELIGIBLE');
  });

  it('prints exactly { eligible, rules: [{ id, passed, message: { ko, en }, members }] } with --json', async () => {
    const r = await run('--program', 'specialized-fm', '--file', await file('eligible.json', eligible), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['eligible', 'rules']);
    expect(json.eligible).toBe(true);
    expect(json.rules.map((x: { id: string }) => x.id)).toEqual([
      'lead-type',
      'participant-type',
      'university-required',
      'k-ai-excluded',
      'domestic',
      'consortium-size',
      'one-per-lead',
    ]);
    for (const rule of json.rules) {
      expect(Object.keys(rule)).toEqual(['id', 'passed', 'message', 'members']);
      expect(Object.keys(rule.message)).toEqual(['ko', 'en']);
      expect(rule.passed).toBe(true);
      expect(rule.members).toEqual([]);
    }
  });

  it('exits 1 for an ineligible consortium and names the members behind each failure', async () => {
    const r = await run('--program', 'specialized-fm', '--file', await file('ineligible.json', ineligible), '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.eligible).toBe(false);
    const failures = json.rules.filter((x: { passed: boolean }) => !x.passed).map((x: { id: string; members: string[] }) => [x.id, x.members]);
    expect(failures).toEqual([
      ['lead-type', ['LG AI연구원']],
      ['university-required', []],
      ['k-ai-excluded', ['LG AI연구원']],
      ['domestic', ['Acme']],
    ]);
  });

  it('prints a readable English table without --json', async () => {
    const r = await run('--program', 'specialized-fm', '--file', await file('ineligible.json', ineligible));
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toContain('NOT ELIGIBLE — 3 of 7 rules passed');
    expect(lines[1]).toMatch(/^RULE\s+RESULT\s+MEMBERS\s+DETAIL$/);
    expect(lines.find((l) => l.startsWith('k-ai-excluded'))).toMatch(/FAIL\s+LG AI연구원\s+the lead is an excluded organisation/);
    expect(lines.find((l) => l.startsWith('consortium-size'))).toMatch(/\bpass\b/);
  });

  it('judges the same file differently under another program', async () => {
    const r = await run('--program', 'k-ai', '--file', await file('ineligible.json', ineligible), '--json');
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.out)
        .rules.filter((x: { passed: boolean }) => !x.passed)
        .map((x: { id: string }) => x.id),
    ).toEqual(['domestic']);
  });

  it('issue 12 item 2: 100,000 participants answer at once with a clear refusal naming the field and the cap', async () => {
    const huge = { lead: eligible.lead, participants: Array.from({ length: 100_000 }, (_, i) => ({ name: `기관 ${i}`, type: 'sme', country: 'KR' })) };
    const path = await file('huge.json', huge);
    const started = Date.now();
    const r = await run('--program', 'specialized-fm', '--file', path);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(2);
    expect(r.err).toContain('participants: at most 200 participants per consortium (got 100,000)');
  });

  it('says that facts typed into a file are unverified (pending verification)', async () => {
    const r = await run('--program', 'specialized-fm', '--file', await file('eligible.json', eligible));
    expect(r.code).toBe(0);
    expect(r.out).toContain('pending verification');
  });

  it('exits 2 naming the bad field', async () => {
    const bad = { ...eligible, participants: [...eligible.participants, { name: 'X', type: 'chaebol', country: 'KR' }] };
    const r = await run('--program', 'specialized-fm', '--file', await file('bad-type.json', bad));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('participants[2].type: expected one of large_enterprise, midsize_enterprise');
  });

  it('exits 2 on a registration number with a bad checksum, naming the field', async () => {
    const bad = { ...eligible, lead: { ...eligible.lead, registrationNo: '220-81-62518' } };
    const r = await run('--program', 'specialized-fm', '--file', await file('bad-checksum.json', bad));
    expect(r.code).toBe(2);
    expect(r.err).toContain('lead.registrationNo: business registration number 220-81-62518 fails its checksum');
  });

  it('exits 2 on an unknown program, listing the known ones', async () => {
    const r = await run('--program', 'no-such', '--file', await file('eligible.json', eligible));
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown program "no-such"');
    expect(r.err).toContain('specialized-fm');
  });

  it('exits 2 on malformed JSON, saying where', async () => {
    const r = await run('--program', 'specialized-fm', '--file', await file('broken.json', '{\n  "lead": { "name": "A", }\n}'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid JSON: .* at line 2, column \d+/);
  });

  it('exits 2 on a missing option, a missing file or an unknown flag', async () => {
    expect((await run('--file', await file('eligible.json', eligible))).err).toContain('missing required option --program');
    expect((await run('--program', 'specialized-fm')).err).toContain('missing required option --file');
    const missing = await run('--program', 'specialized-fm', '--file', join(dir, 'absent.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
    expect((await run('--program', 'specialized-fm', '--file', 'x.json', '--verbose')).code).toBe(2);
  });
});
