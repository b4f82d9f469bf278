import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { createTestServer, signIn } from './support/test-context.ts';
import { verifyAuditChain } from '../src/audit/audit-log.ts';
import { listAuditPage } from '../src/audit/audit-query.ts';

import { seed } from '../src/seed/seed.ts';

const listAudit = async (db: Parameters<typeof listAuditPage>[0], filter: Parameters<typeof listAuditPage>[1] = {}) =>
  (await listAuditPage(db, { limit: 1000, ...filter })).entries;

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let applicant: string;
beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
});
afterAll(() => t.dispose());

async function getDefinition(slug: string): Promise<{ definition: ProgramDefinition; revision: number }> {
  const res = await t.app.inject({ url: `/api/v1/programs/${slug}` });
  return res.json();
}

describe('programs API', () => {
  it('lists both seeded programs with their pools, to anyone', async () => {
    const res = await t.app.inject({ url: '/api/v1/programs' });
    expect(res.statusCode).toBe(200);
    const { programs } = res.json();
    const sfm = programs.find((p: { slug: string }) => p.slug === 'specialized-fm');
    expect(programs.map((p: { slug: string }) => p.slug).sort()).toEqual(['k-ai', 'specialized-fm']);
    expect(sfm.gpuPools[0]).toMatchObject({ gpuModel: 'NVIDIA B200', gpuCount: 512, gpusPerNode: 8 });
    expect(sfm.phases.map((p: { start: string; end: string }) => [p.start, p.end])).toContainEqual(['2026-04-01', '2026-09-09']);
  });

  it('seeding again changes nothing', async () => {
    const before = (await listAudit(t.ctx.db)).length;
    const report = await seed(t.ctx, { demo: true });
    expect(report.programs.every((p) => p.status === 'unchanged')).toBe(true);
    expect((await listAudit(t.ctx.db)).length).toBe(before);
  });

  it('previews then commits an operator edit, with an audit row', async () => {
    const { definition, revision } = await getDefinition('specialized-fm');
    const edited = structuredClone(definition);
    edited.phases[1]!.end = '2026-09-05';
    const preview = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/programs/specialized-fm',
      headers: { cookie: operator },
      payload: { definition: edited, expectedRevision: revision, mode: 'preview' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      status: 'preview',
      changes: [{ field: 'phases.1.end', label: { ko: '2단계 종료일', en: 'Phase 2 end' }, before: '2026-09-09', after: '2026-09-05' }],
    });
    expect((await getDefinition('specialized-fm')).definition.phases[1]!.end).toBe('2026-09-09');

    const commit = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/programs/specialized-fm',
      headers: { cookie: operator },
      payload: { definition: edited, expectedRevision: revision, mode: 'commit', reason: 'extension agreed' },
    });
    expect(commit.json()).toMatchObject({ status: 'committed', revision: revision + 1 });
    expect((await getDefinition('specialized-fm')).definition.phases[1]!.end).toBe('2026-09-05');
    const [last] = await listAudit(t.ctx.db, { objectType: 'program', objectId: 'specialized-fm', limit: 1 });
    expect(last).toMatchObject({ action: 'program.update', reason: 'extension agreed', actorLabel: 'operator@demo.stagegate.kr (operator)' });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('refuses a stale revision with 409 and keeps the saved data', async () => {
    const { definition, revision } = await getDefinition('specialized-fm');
    const edited = structuredClone(definition);
    edited.phases[0]!.name.en = 'Phase one';
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/programs/specialized-fm',
      headers: { cookie: operator },
      payload: { definition: edited, expectedRevision: revision - 1, mode: 'commit' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    expect((await getDefinition('specialized-fm')).definition.phases[0]!.name.en).toBe('Phase 1');
  });

  it.each([
    ['a phase that ends before it starts', (d: ProgramDefinition) => void (d.phases[0]!.end = '2025-10-01'), 'phases.0.end'],
    ['weights that do not add up', (d: ProgramDefinition) => void (d.selectionScheme.groups[2]!.points = 35), 'selectionScheme.groups'],
    ['a pool that is not whole nodes', (d: ProgramDefinition) => void (d.gpuPools[0]!.gpuCount = 500), 'gpuPools.0.gpuCount'],
    ['a negative pool', (d: ProgramDefinition) => void (d.gpuPools[0]!.gpuCount = -8), 'gpuPools.0.gpuCount'],
  ])('refuses %s with 422 naming the field', async (_name, mutate, field) => {
    const { definition, revision } = await getDefinition('specialized-fm');
    const edited = structuredClone(definition);
    mutate(edited);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/programs/specialized-fm',
      headers: { cookie: operator },
      payload: { definition: edited, expectedRevision: revision, mode: 'commit' },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(field);
    expect(body.error.issues[0].message.ko.length).toBeGreaterThan(0);
    expect((await getDefinition('specialized-fm')).revision).toBe(revision);
  });

  it('answers malformed input with a 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/programs/k-ai',
      headers: { cookie: operator },
      payload: { definition: {}, expectedRevision: 'one', mode: 'commit' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('body.expectedRevision');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/programs/k-ai',
      headers: { cookie: operator, 'content-type': 'application/json' },
      payload: '{"definition": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/JSON/i);
  });

  it('lets only operators edit', async () => {
    const { definition, revision } = await getDefinition('k-ai');
    const payload = { definition, expectedRevision: revision, mode: 'commit' };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/programs/k-ai', payload })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/programs/k-ai', headers: { cookie: applicant }, payload })).statusCode).toBe(403);
  });

  it('imports a third program with no code change, idempotently', async () => {
    const { definition } = await getDefinition('specialized-fm');
    const third = { ...structuredClone(definition), slug: 'robotics-fm', name: { ko: '로봇 파운데이션 모델', en: 'Robotics foundation model' } };
    third.gpuPools[0]!.gpuCount = 1024;
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { cookie: operator },
      payload: { definition: third, mode: 'commit' },
    });
    expect(first.json()).toMatchObject({ status: 'committed', slug: 'robotics-fm' });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { cookie: operator },
      payload: { definition: third, mode: 'commit' },
    });
    expect(again.json()).toMatchObject({ status: 'unchanged' });
    const list = (await t.app.inject({ url: '/api/v1/programs' })).json().programs;
    expect(list.find((p: { slug: string }) => p.slug === 'robotics-fm').gpuPools[0].gpuCount).toBe(1024);
  });
});
