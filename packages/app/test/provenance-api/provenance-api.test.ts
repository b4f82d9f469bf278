import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { auditLog, gateEvidence, tasks } from '../../src/db/schema/index.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import { derive, randomModel, toWrite, writeModel } from '../provenance/model-fixtures.ts';
import { headerFor } from '../../src/adapters/safetensors/write-safetensors.ts';
import { encodeValues } from '../../src/adapters/safetensors/write-safetensors.ts';
import { multipart } from '../evaluation-api/multipart.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let root: string;
let outside: string;
const cookie: Record<string, string> = {};
const previousRoot = process.env.STAGEGATE_CHECKPOINTS;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sg-ckpt-'));
  outside = await mkdtemp(join(tmpdir(), 'sg-outside-'));
  process.env.STAGEGATE_CHECKPOINTS = root;
  const base = randomModel(1);
  await writeModel(root, 'base-a', base);
  await writeModel(root, 'base-b', randomModel(2));
  await writeModel(root, 'team-derived', derive(base, 3, 0.05));
  await writeModel(root, 'team-scratch', randomModel(4));
  await writeModel(outside, 'elsewhere', randomModel(5));
  await writeFile(join(root, 'broken.safetensors'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 2, 3]));
  t = await createTestServer();
  for (const who of ['operator', 'evaluator', 'applicant']) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
});
afterAll(async () => {
  await t.dispose();
  if (previousRoot === undefined) delete process.env.STAGEGATE_CHECKPOINTS;
  else process.env.STAGEGATE_CHECKPOINTS = previousRoot;
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: cookie[who]! } });

async function compareAndRun(candidate: string, references: string[]) {
  const res = await call('POST', '/api/v1/provenance/comparisons', 'evaluator', { candidate, references, label: candidate, mode: 'commit' });
  expect(res.statusCode).toBe(202);
  const { comparisonId } = res.json();
  const queued = (await call('GET', `/api/v1/provenance/comparisons/${comparisonId}`, 'evaluator')).json();
  expect(queued.job.status).toBe('queued');
  expect(queued.report).toBeNull();
  await runNextJob(t.ctx, 'test-worker', { progressEveryMs: 0 });
  return (await call('GET', `/api/v1/provenance/comparisons/${comparisonId}`, 'evaluator')).json();
}

describe('provenance comparisons through the API', () => {
  it('lists the checkpoints in the allowed folder', async () => {
    const res = (await call('GET', '/api/v1/provenance/checkpoints', 'operator')).json();
    expect(res.checkpoints.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(['base-a.safetensors', 'team-derived.safetensors']));
    expect(res.checkpoints.map((c: { path: string }) => c.path)).not.toContain('elsewhere.safetensors');
  });

  it('refuses paths outside the checkpoints folder, naming the field', async () => {
    const escape = await call('POST', '/api/v1/provenance/comparisons', 'operator', {
      candidate: '../' + join(outside.split('/').pop()!, 'elsewhere.safetensors'),
      references: ['base-a.safetensors'],
      mode: 'preview',
    });
    expect(escape.statusCode).toBe(422);
    expect(escape.json().error).toMatchObject({ field: 'candidate' });
    expect(escape.json().error.message).toContain('outside the allowed checkpoints folder');
    const absolute = await call('POST', '/api/v1/provenance/comparisons', 'operator', {
      candidate: 'base-a.safetensors',
      references: [join(outside, 'elsewhere.safetensors')],
      mode: 'preview',
    });
    expect(absolute.statusCode).toBe(422);
    expect(absolute.json().error.field).toBe('references.0');
    const missing = await call('POST', '/api/v1/provenance/comparisons', 'operator', {
      candidate: 'nope.safetensors',
      references: ['base-a.safetensors'],
      mode: 'preview',
    });
    expect(missing.json().error).toMatchObject({ field: 'candidate' });
  });

  it('previews what will be read without queueing anything', async () => {
    const res = await call('POST', '/api/v1/provenance/comparisons', 'operator', {
      candidate: 'team-derived.safetensors',
      references: ['base-a.safetensors', 'base-b.safetensors'],
      mode: 'preview',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'preview', candidate: { relative: 'team-derived.safetensors', kind: 'file' } });
    expect((await call('GET', '/api/v1/provenance/comparisons', 'operator')).json().comparisons).toHaveLength(0);
  });

  it('runs a comparison as a job and stores a report that tells a derived model from an independent one', async () => {
    const derived = await compareAndRun('team-derived.safetensors', ['base-a.safetensors', 'base-b.safetensors']);
    expect(derived.job.status).toBe('done');
    expect(derived.verdict).toBe('likely_shared');
    expect(derived.report.candidate.path).toBe('team-derived.safetensors');
    expect(derived.job.progress.totalBytes).toBeGreaterThan(0);
    // the scan workers' progress reaches the job: the last write says every byte was read
    expect(derived.job.progress.doneBytes).toBe(derived.job.progress.totalBytes);
    const scratch = await compareAndRun('team-scratch.safetensors', ['base-a.safetensors', 'base-b.safetensors']);
    expect(scratch.verdict).toBe('independent');

    const ko = await call('GET', `/api/v1/provenance/comparisons/${derived.id}/report.html`, 'operator');
    expect(ko.headers['content-type']).toContain('text/html');
    expect(ko.body).toContain('가중치 독창성 근거 보고서');
    const en = await call('GET', `/api/v1/provenance/comparisons/${derived.id}/report.html?lang=en`, 'operator');
    expect(en.body).toContain('Weight originality evidence report');
    const started = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'provenance.compare.start')).orderBy(auditLog.seq);
    expect(started).toHaveLength(2);
  });

  it('records a failed comparison with the error naming the file', async () => {
    const res = await compareAndRun('broken.safetensors', ['base-a.safetensors']);
    expect(res.job.status).toBe('failed');
    expect(res.job.error).toContain('broken.safetensors');
    expect(res.report).toBeNull();
    const html = await call('GET', `/api/v1/provenance/comparisons/${res.id}/report.html`, 'operator');
    expect(html.statusCode).toBe(409);
  });

  it("attaches a report to a task's originality gate as evidence, once", async () => {
    const list = (await call('GET', '/api/v1/provenance/comparisons', 'operator')).json().comparisons as { id: string; verdict: string | null }[];
    const done = list.find((c) => c.verdict === 'likely_shared')!;
    const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).limit(1);
    const body = { taskId: task!.id, stageKey: 'stage-1', gateKey: 'originality', note: '비전 인코더 재사용 의심' };
    const first = await call('POST', `/api/v1/provenance/comparisons/${done.id}/evidence`, 'evaluator', body);
    expect(first.statusCode).toBe(201);
    const again = await call('POST', `/api/v1/provenance/comparisons/${done.id}/evidence`, 'evaluator', body);
    expect(again.json().status).toBe('unchanged');
    const wrongGate = await call('POST', `/api/v1/provenance/comparisons/${done.id}/evidence`, 'evaluator', { ...body, gateKey: 'open-source' });
    expect(wrongGate.statusCode).toBe(422);
    expect(wrongGate.json().error.field).toBe('gateKey');
    const rows = await t.ctx.db.select().from(gateEvidence).where(eq(gateEvidence.taskId, task!.id));
    expect(rows).toHaveLength(1);
    const evidence = (await call('GET', `/api/v1/provenance/tasks/${task!.id}/evidence`, 'operator')).json().evidence;
    expect(evidence[0]).toMatchObject({ gateKey: 'originality', stageKey: 'stage-1', verdict: 'likely_shared' });
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'gate.evidence.attach')).orderBy(auditLog.seq);
    expect(audit).toHaveLength(1);
  });

  it('accepts an uploaded .safetensors file that comparisons can then name', async () => {
    const tensors = toWrite(randomModel(9), 'F32').slice(0, 3);
    const head = headerFor(tensors);
    const bytes = Buffer.concat([Buffer.from(head), ...tensors.map((x) => Buffer.from(encodeValues('F32', x.values!)))]);
    const { payload, headers } = multipart([{ name: 'file', value: bytes, fileName: 'my model.safetensors' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/provenance/uploads', payload, headers: { ...headers, cookie: cookie.operator! } });
    expect(res.statusCode).toBe(201);
    expect(res.json().path).toMatch(/^uploads\/[0-9a-f-]+\/my_model\.safetensors$/);
    expect(res.json().bytes).toBe(bytes.length);
    const preview = await call('POST', '/api/v1/provenance/comparisons', 'operator', {
      candidate: res.json().path,
      references: ['base-a.safetensors'],
      mode: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    const wrong = multipart([{ name: 'file', value: 'hello', fileName: 'notes.txt' }]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/provenance/uploads',
      payload: wrong.payload,
      headers: { ...wrong.headers, cookie: cookie.operator! },
    });
    expect(refused.statusCode).toBe(422);
  });

  it('keeps reports from applicants', async () => {
    expect((await call('GET', '/api/v1/provenance/comparisons', 'applicant')).statusCode).toBe(403);
  });
});
