import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, finalEvaluations, resultBundles, user } from '../../src/db/schema/index.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/command.ts';
import { bundleZip, currentEditions, listProgramBundles, writeBundleFolder } from '../../src/results-bundle/bundle-store.ts';
import { keyIdOf, officeSigningKey } from '../../src/results-bundle/signing-key.ts';
import { sha256Hex } from '../../src/results-bundle/verify-bundle.ts';
import { designate, enterFinalScores, finalTasks } from '../../src/final-evaluation/final-evaluation-store.ts';
import { publishFinalEvaluation } from '../../src/final-evaluation/publication.ts';
import type { Actor } from '../../src/auth/actor.ts';
import { createTestServer, signIn } from '../support/test-context.ts';
import { runCli } from '../support/run-cli.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let dir: string;
const cookie: Record<string, string> = {};
let stageId = '';

const call = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: who === 'anonymous' ? {} : { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null, raw: res };
};

async function verify(...args: string[]) {
  let out = '',
    err = '';
  const io: CliIO = { out: (s) => void (out += s + '\n'), err: (s) => void (err += s + '\n') };
  const code = await main(['verify', ...args], io);
  return { code, out, err };
}

/** Copies a bundle folder's files into a new folder, changed by `edit`. */
async function variant(folder: string, name: string, edit: (files: Map<string, string>) => void): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const files = new Map<string, string>();
  for (const f of await readdir(folder)) files.set(f, await readFile(join(folder, f), 'utf8'));
  edit(files);
  const target = join(dir, name);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(target, { recursive: true });
  for (const [f, text] of files) await writeFile(join(target, f), text);
  return target;
}

let folder = '';

beforeAll(async () => {
  t = await createTestServer();
  dir = await mkdtemp(join(tmpdir(), 'sg-bundles-'));
  for (const who of ['operator', 'reviewer'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  // the demo's January 2026 stage, taken to publication as the office would
  stageId = (await call('operator', 'GET', '/api/v1/stage-evaluations?program=k-ai')).body.evaluations.find(
    (e: { stageKey: string }) => e.stageKey === 'stage-1',
  ).id;
  await call('operator', 'POST', `/api/v1/stage-evaluations/${stageId}/measurements/import`, {
    csv: 'team,component,value\nkai-nc,user-evaluation,3.49',
    fileName: 'likert.csv',
    mode: 'commit',
  });
  await call('operator', 'PUT', `/api/v1/stage-evaluations/${stageId}/teams/kai-naver/gates/originality/ruling`, {
    passed: false,
    reason: { ko: '외부 비전·오디오 인코더 가중치 재사용', en: 'reused external vision/audio encoder weights' },
    mode: 'commit',
  });
  const v = (await call('operator', 'GET', `/api/v1/stage-evaluations/${stageId}`)).body;
  expect(
    (
      await call('operator', 'POST', `/api/v1/stage-evaluations/${stageId}/decision`, {
        decidedOn: '2026-01-12',
        retroactiveReason: 'the panel decided on 12 January 2026',
        expectedRevision: v.evaluation.revision,
        mode: 'commit',
      })
    ).status,
  ).toBe(200);
  expect((await call('operator', 'POST', `/api/v1/stage-evaluations/${stageId}/publish`, { mode: 'commit' })).status).toBe(200);
  const [row] = await t.ctx.db
    .select()
    .from(resultBundles)
    .where(and(eq(resultBundles.kind, 'stage-decision'), eq(resultBundles.subjectId, stageId)));
  folder = await writeBundleFolder(dir, row!);
}, 120_000);
afterAll(async () => {
  await t?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('issue 18: published result bundles and stagegate verify', () => {
  it('item 1: publishing the stage decision published a signed bundle carrying the audit head of the publication', async () => {
    const [row] = await t.ctx.db.select().from(resultBundles).where(eq(resultBundles.subjectId, stageId));
    const manifest = JSON.parse(row!.manifest);
    expect(manifest).toMatchObject({ kind: 'stage-decision', program: 'k-ai', computation: { version: 2 }, replaces: null });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'README.txt',
      'computation.json',
      'expert-scores.csv',
      'gate-rulings.csv',
      'measurements.csv',
      'result.json',
      'stage-goals.csv',
    ]);
    // the head is the publication's own audit row; the next row records the bundle's manifest hash
    const [publishRow] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.seq, manifest.auditHead.seq));
    expect(publishRow).toMatchObject({ action: 'stageEvaluation.publish', objectId: stageId, hash: manifest.auditHead.hash });
    const [bundleRow] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.seq, manifest.auditHead.seq + 1));
    expect(bundleRow).toMatchObject({ action: 'resultBundle.publish', objectId: row!.id });
    expect((bundleRow!.after as { manifestSha256: string }).manifestSha256).toBe(sha256Hex(row!.manifest));
    // panel members appear only as order-keeping pseudonyms; identities and goal texts stay out
    const experts = new Set(
      row!.files['expert-scores.csv']!.trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[2]),
    );
    expect([...experts].sort()).toEqual(['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10']);
    // the demo teams declared no stage goals, so nothing is withheld here but identities (pseudonyms)
    expect(manifest.private).toEqual([]);
    expect(manifest.signature.keyId).toBe((await officeSigningKey()).keyId);
  });

  it('item 2: stagegate verify says identical for the published bundle (folder and zip), exit 0', async () => {
    const r = await verify(folder);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').at(-1)).toBe('identical');
    expect(r.out).toMatch(/ok {2}files: 7 of 7 match their SHA-256 in the manifest/);
    expect(r.out).toMatch(/ok {2}recomputed with stage-decision computation v2: \d+ figures identical/);
    const [row] = await t.ctx.db.select().from(resultBundles).where(eq(resultBundles.subjectId, stageId));
    const zip = join(dir, 'bundle.zip');
    await writeFile(zip, bundleZip(row!));
    const z = await verify(zip, '--key', row!.keyId);
    expect(z.code).toBe(0);
    expect(z.out).toContain("(the office's key you gave)");
  });

  it('item 2: a changed figure is caught, naming the file and the first figure that differs and by how much', async () => {
    const tampered = await variant(folder, 'figure', (f) => f.set('result.json', f.get('result.json')!.replace('"total": 90.2', '"total": 91.2')));
    const r = await verify(tampered);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BAD result.json does not match its SHA-256 in the manifest (the file was changed)');
    expect(r.out).toContain('first figure that differs: result.teams["kai-lg"].total: published 91.2, recomputed 90.2 (differs by −1)');
    expect(r.out.trim().split('\n').at(-1)).toBe('DIFFERS: result.json does not match its SHA-256 in the manifest (the file was changed)');
  });

  it('item 2: a removed input row is caught, and the recomputation says what it moves', async () => {
    const tampered = await variant(folder, 'row', (f) => {
      const lines = f.get('measurements.csv')!.split('\n');
      f.set('measurements.csv', lines.filter((l) => !l.startsWith('kai-upstage,nia-benchmark')).join('\n'));
    });
    const r = await verify(tampered);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BAD measurements.csv does not match its SHA-256');
    expect(r.out).toMatch(/first figure that differs: result\.teams\["kai-upstage"\]\.total: published [\d.]+, recomputed [\d.]+ \(differs by −[\d.]+\)/);
  });

  it('item 3: a bundle re-signed with another key is caught — by the signature, or by the office key when forged whole', async () => {
    const other = generateKeyPairSync('ed25519');
    const { sign } = await import('node:crypto');
    // re-signed, the manifest still naming the office's key: the signature does not match
    const resigned = await variant(folder, 'resigned', (f) =>
      f.set('manifest.sig', sign(null, Buffer.from(f.get('manifest.json')!), other.privateKey).toString('base64')),
    );
    const a = await verify(resigned);
    expect(a.code).toBe(1);
    expect(a.out).toContain('BAD the signature does not match the manifest');
    // forged whole: a figure changed, hashes updated, signed and named with the forger's key
    const forged = await variant(folder, 'forged', (f) => {
      const result = f.get('result.json')!.replace('"average": 79.7', '"average": 80.7');
      f.set('result.json', result);
      const m = JSON.parse(f.get('manifest.json')!);
      m.files.find((x: { path: string }) => x.path === 'result.json').sha256 = sha256Hex(result);
      const pub = createPublicKey(other.privateKey);
      m.signature = { algorithm: 'Ed25519', publicKey: pub.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(pub) };
      const text = JSON.stringify(m, null, 2) + '\n';
      f.set('manifest.json', text);
      f.set('manifest.sig', sign(null, Buffer.from(text), other.privateKey).toString('base64'));
    });
    const office = (await officeSigningKey()).keyId;
    const b = await verify(forged, '--key', office);
    expect(b.code).toBe(1);
    expect(b.out).toContain(`not the office's key ${office.slice(0, 16)}… (re-signed by someone else)`);
    // and the recomputation still refuses the forged figure
    expect(b.out).toContain('first figure that differs: result.average: published 80.7, recomputed 79.7 (differs by −1)');
  });

  it('item 2: not a bundle is exit 2 with the reason on stderr', async () => {
    const r = await verify(join(dir, 'nothing-here'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: cannot read .*nothing-here: ENOENT/);
    const broken = await variant(folder, 'broken', (f) => f.set('manifest.json', '{"format":'));
    const b = await verify(broken);
    expect(b.code).toBe(2);
    expect(b.err).toContain('manifest.json: not valid JSON');
  });

  it('item 2: the real executable verifies with no database and no data folder', async () => {
    const data = join(dir, 'no-data-folder');
    const r = await runCli(['verify', folder], { STAGEGATE_DATA: data, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('identical');
    expect(existsSync(data)).toBe(false);
  }, 60_000);

  it('results bundle --program writes one folder per published result of the program', async () => {
    const out = join(dir, 'export');
    const rows = currentEditions(await listProgramBundles(t.ctx.db, 'k-ai'));
    expect(rows.map((r) => r.kind)).toEqual(['stage-decision']);
    const written = await writeBundleFolder(out, rows[0]!);
    expect(written).toMatch(/k-ai-stage-decision-sovereign-ai-foundation-model-first-stage-evaluation-.*-e1$/);
    expect((await verify(written)).code).toBe(0);
  });

  it('item 3: a correction publishes a new edition naming the bundle it replaces and why; both verify', async () => {
    const [op] = await t.ctx.db.select().from(user).where(eq(user.email, 'operator@demo.stagegate.kr'));
    const actor: Actor = { id: op!.id, email: op!.email, name: op!.name, role: 'operator' };
    const [fe] = await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.programSlug, 'specialized-fm'));
    const rows = await finalTasks(t.ctx.db, fe!.id);
    await enterFinalScores(t.ctx.db, actor, fe!, { scores: rows.map((r, i) => ({ taskId: r.row.taskId, score: 80 + i })) });
    expect(
      (await designate(t.ctx.db, actor, (await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe!.id)))[0]!, 'commit')).status,
    ).toBe('committed');
    // issue 15: designation is the office's; the bundle is made when it publishes
    expect(
      (await publishFinalEvaluation(t.ctx.db, actor, (await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe!.id)))[0]!, 'commit'))
        .status,
    ).toBe('committed');
    // a score was mistyped: corrected, designated again
    await enterFinalScores(t.ctx.db, actor, (await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe!.id)))[0]!, {
      scores: [{ taskId: rows[0]!.row.taskId, score: 90 }],
      reason: 'score mistyped',
    });
    expect(
      (await designate(t.ctx.db, actor, (await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe!.id)))[0]!, 'commit')).status,
    ).toBe('committed');
    expect(
      (await publishFinalEvaluation(t.ctx.db, actor, (await t.ctx.db.select().from(finalEvaluations).where(eq(finalEvaluations.id, fe!.id)))[0]!, 'commit'))
        .status,
    ).toBe('committed');
    // the demo published once already (edition 1); the office designated and published twice more
    const all = await t.ctx.db.select().from(resultBundles).where(eq(resultBundles.subjectId, fe!.id)).orderBy(asc(resultBundles.edition));
    expect(all.map((e) => e.edition)).toEqual([1, 2, 3]);
    const editions = all.slice(1);
    const m2 = JSON.parse(editions[1]!.manifest);
    expect(m2.replaces).toEqual({
      bundleId: editions[0]!.id,
      manifestSha256: editions[0]!.manifestSha256,
      reason: `corrected result: result.designations["${rows[0]!.key}"].rank: was 2, now 1 (differs by −1)`,
    });
    for (const e of editions) {
      const v = await verify(await writeBundleFolder(join(dir, 'final'), e));
      expect(v.code).toBe(0);
    }
    const second = await verify(await writeBundleFolder(join(dir, 'final'), editions[1]!));
    expect(second.out).toContain(`correction: replaces bundle ${editions[0]!.id}`);
  });

  it('item 4: the public list links each bundle with its hash and signature; downloads need no account', async () => {
    const list = await call('anonymous', 'GET', '/api/v1/public/result-bundles?program=k-ai');
    expect(list.status).toBe(200);
    const b = list.body.bundles[0];
    const [row] = await t.ctx.db.select().from(resultBundles).where(eq(resultBundles.subjectId, stageId));
    expect(b).toMatchObject({
      id: row!.id,
      manifestSha256: row!.manifestSha256,
      signature: row!.signature.trim(),
      keyId: list.body.signingKey.keyId,
      links: { zip: `/api/v1/public/result-bundles/${row!.id}/bundle.zip` },
    });
    expect(b.verifyCommand).toBe(
      `npx stagegate verify k-ai-stage-decision-sovereign-ai-foundation-model-first-stage-evaluation-january-2026-demo-e1.zip --key ${row!.keyId}`,
    );
    const zip = await call('anonymous', 'GET', b.links.zip);
    expect(zip.status).toBe(200);
    expect(zip.raw.headers['content-type']).toBe('application/zip');
    const path = join(dir, 'downloaded.zip');
    await writeFile(path, zip.raw.rawPayload);
    expect((await verify(path, '--key', list.body.signingKey.keyId)).code).toBe(0);
    const manifest = await call('anonymous', 'GET', b.links.manifest);
    expect(sha256Hex(manifest.raw.rawPayload)).toBe(row!.manifestSha256);
    expect((await call('anonymous', 'GET', '/api/v1/public/result-bundles/00000000-0000-4000-8000-000000000000/bundle.zip')).status).toBe(404);
  });
});
