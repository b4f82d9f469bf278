import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sg-cli-'));
  env = { STAGEGATE_DATA: join(dir, 'data') };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('stagegate programs / audit CLI', () => {
  it('seeds, imports a third program from a file, and verifies the audit log', async () => {
    expect((await runCli(['seed', '--no-demo'], env)).code).toBe(0);
    const seedFile = new URL('../seed/programs/specialized-fm.json', import.meta.url);
    const third = JSON.parse(await readFile(seedFile, 'utf8'));
    third.slug = 'bio-fm';
    third.name = { ko: '바이오 특화 모델', en: 'Bio foundation model' };
    third.gpuPools[0].gpuCount = 128;
    const file = join(dir, 'bio-fm.json');
    await writeFile(file, JSON.stringify(third));

    const imported = await runCli(['programs', 'import', file], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('bio-fm: imported');
    const again = await runCli(['programs', 'import', file, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged' });

    const list = JSON.parse((await runCli(['programs', 'list', '--json'], env)).stdout);
    expect(list.programs.map((p: { slug: string }) => p.slug).sort()).toEqual(['bio-fm', 'k-ai', 'specialized-fm']);
    expect(list.programs.find((p: { slug: string }) => p.slug === 'bio-fm').gpuPools[0].gpuCount).toBe(128);

    const verify = await runCli(['audit', 'verify', '--json'], env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, rows: 3 });
  }, 120_000);

  it('issue 16 item 6: `stagegate programs show specialized-fm --json` shows both rules and the exclusion scope as data', async () => {
    const shown = await runCli(['programs', 'show', 'specialized-fm', '--json'], env);
    expect(shown.code).toBe(0);
    const { definition } = JSON.parse(shown.stdout);
    const rules = definition.eligibility.rules as Record<string, unknown>[];
    expect(rules.find((r) => r.id === 'k-ai-excluded')).toMatchObject({
      kind: 'excludedOrganisations',
      scope: 'lead',
      teamScope: 'leads',
      reason: { ko: expect.stringContaining('정예팀의 주관기관'), en: expect.any(String) },
    });
    expect(rules.find((r) => r.id === 'domestic')).toMatchObject({
      kind: 'domesticOnly',
      country: 'KR',
      foreignAllowedRoles: ['global_service'],
      purposeRequired: true,
      reason: { ko: expect.stringContaining('글로벌 서비스 개발'), en: expect.stringContaining('global service') },
    });
    const listed = definition.eligibility.exclusionLists['k-ai-selected-teams'] as { teamRole: string }[];
    expect(new Set(listed.map((e) => e.teamRole))).toEqual(new Set(['lead', 'member']));
  }, 60_000);

  it('shows a shipped program on a data folder no command has used yet, as the server would', async () => {
    const fresh = { STAGEGATE_DATA: join(dir, 'fresh-data') };
    const shown = await runCli(['programs', 'show', 'specialized-fm'], fresh);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('specialized-fm, revision 1');
    expect(shown.stdout).toContain("pool b200-pool: 512 × NVIDIA B200 (64 nodes of 8) at Operator's container data centres; not placed on a Slurm cluster yet");
    const list = JSON.parse((await runCli(['programs', 'list', '--json'], fresh)).stdout);
    expect(list.programs.map((p: { slug: string }) => p.slug).sort()).toEqual(['k-ai', 'specialized-fm']);
  }, 120_000);

  it("shows K-AI's additional call as data: the freed slot, 768 B200, the majority rule, no selection allowed (issue 16 item 5)", async () => {
    const shown = await runCli(['programs', 'show', 'k-ai', '--json'], { STAGEGATE_DATA: join(dir, 'fresh-data') });
    expect(shown.code).toBe(0);
    const extra = JSON.parse(shown.stdout).definition.calls.find((c: { key: string }) => c.key === '2026-additional-call');
    expect(extra).toMatchObject({
      kind: 'additional',
      opens: '2026-01-23T00:00:00+09:00',
      closes: '2026-02-12T18:00:00+09:00',
      additional: {
        fills: { call: '2025-call', slots: 1 },
        gpuOffer: [{ pool: 'b200-pool', gpus: 768 }],
        decisionRule: { kind: 'majority', of: 'experts' },
        allowNoSelection: true,
      },
    });
  }, 120_000);

  it("shows where the demo's pools run on Slurm: cluster and partition beside the definition (issue 16 item 7)", async () => {
    const demo = { STAGEGATE_DATA: join(dir, 'demo-data') };
    expect((await runCli(['seed'], demo)).code).toBe(0);
    const shown = await runCli(['programs', 'show', 'specialized-fm', '--json'], demo);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).poolPlacements).toEqual([
      {
        pool: 'b200-pool',
        placement: {
          cluster: 'nacc-demo',
          name: { ko: '국가 AI 컴퓨팅 센터 (demo)', en: 'National AI Computing Centre (demo)' },
          slurmCluster: 'nacc',
          partition: 'b200',
        },
      },
    ]);
    const text = await runCli(['programs', 'show', 'specialized-fm'], demo);
    expect(text.stdout).toContain('; Slurm cluster nacc, partition b200');
  }, 180_000);

  it('shows the selection rounds as data: K-AI documents 15 → 10 then a presentation, specialized-fm documents then a presentation (issue 16 item 1)', async () => {
    const fresh = { STAGEGATE_DATA: join(dir, 'fresh-data') };
    for (const [slug, count] of [
      ['k-ai', 10],
      ['specialized-fm', 6],
    ] as const) {
      const shown = await runCli(['programs', 'show', slug, '--json'], fresh);
      expect(shown.code).toBe(0);
      const rounds = JSON.parse(shown.stdout).definition.calls.find((c: { key: string }) => c.key === '2025-call').selectionRounds;
      expect(rounds).toMatchObject([
        { key: 'documents', weight: 0, shortlist: { kind: 'top', count, ties: 'all-pass' } },
        { key: 'presentation', weight: 1 },
      ]);
    }
    const text = await runCli(['programs', 'show', 'k-ai'], fresh);
    expect(text.stdout).toContain('round documents: Document review, weight 0; top 10 pass (all tied at the cut pass)');
  }, 120_000);

  it('refuses an invalid definition with exit 2, naming the file and field', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ version: 1, slug: 'Bad Slug' }));
    const res = await runCli(['programs', 'import', bad], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('bad.json');
    expect(res.stderr).toContain('slug:');
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{\n  "version": 1,\n  "slug": \n}');
    const res2 = await runCli(['programs', 'import', broken], env);
    expect(res2.code).toBe(2);
    expect(res2.stderr).toMatch(/line 4, column 1/);
  }, 60_000);

  it('exits 1 when the audit log was tampered with', async () => {
    const { openDatabase } = await import('../src/db/connect.ts');
    const { sql } = await import('drizzle-orm');
    const d = await openDatabase({ dataDir: env.STAGEGATE_DATA });
    await d.db.execute(sql`update audit_log set reason = 'forged' where seq = 2`);
    await d.close();
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('row 2: content does not match its hash');
  }, 60_000);
});
