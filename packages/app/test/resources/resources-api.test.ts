import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, like } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { auditLog } from '../../src/db/schema/index.ts';
import { verifyAuditChain } from '../../src/audit/audit-log.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let reviewer: string;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  reviewer = await signIn(t.app, 'reviewer@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie } });

type Partition = {
  name: string;
  nodes: number;
  capacityGpus: number;
  usedNodes: number;
  nodeType: { gpuModel: string; gpusPerNode: number };
  pools: { programSlug: string; nodes: number; gpus: number }[];
};
async function partition(name: string): Promise<Partition | undefined> {
  const res = await call(reviewer, 'GET', '/api/v1/resources');
  expect(res.statusCode).toBe(200);
  return res
    .json()
    .clusters.find((c: { key: string }) => c.key === 'nacc-demo')
    .partitions.find((p: Partition) => p.name === name);
}
const resourceAudits = async () => t.ctx.db.select().from(auditLog).where(like(auditLog.action, 'resources.%')).orderBy(desc(auditLog.seq));

describe('resources API', () => {
  it('shows the demo cluster: partition b200 of 384 B200×8 nodes holding specialized-fm (64) and k-ai (320)', async () => {
    const body = (await call(reviewer, 'GET', '/api/v1/resources')).json();
    const cluster = body.clusters.find((c: { key: string }) => c.key === 'nacc-demo');
    expect(cluster.name.ko).toBe('국가 AI 컴퓨팅 센터 (demo)');
    const b200 = await partition('b200');
    expect(b200).toMatchObject({ nodes: 384, capacityGpus: 3072, usedNodes: 384, nodeType: { gpuModel: 'NVIDIA B200', gpusPerNode: 8 } });
    expect(b200!.pools.map((p) => [p.programSlug, p.gpus, p.nodes])).toEqual([
      ['k-ai', 2560, 320],
      ['specialized-fm', 512, 64],
    ]);
    expect(body.unbound).toEqual([]);
    expect(body.problems).toEqual([]);
    expect(body.nodeTypes).toEqual([expect.objectContaining({ key: 'b200x8', nodes: 384 })]);
    // the allocation screen says where the pool runs
    const alloc = (await call(reviewer, 'GET', '/api/v1/programs/specialized-fm/allocations')).json();
    expect(alloc.program.pools[0].placement).toMatchObject({ clusterKey: 'nacc-demo', partitionName: 'b200', slurmClusterName: 'nacc' });
  });

  it('adds a partition after a preview, with an audit row, and refuses a pool that does not fit in it', async () => {
    const partitionBody = { name: 'b200-small', nodeTypeKey: 'b200x8', nodeGroups: [{ label: 'b200-[385-416]', nodes: 32 }] };
    const preview = await call(operator, 'POST', '/api/v1/resources/clusters/nacc-demo/partitions', { mode: 'preview', partition: partitionBody });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().status).toBe('preview');
    expect(await partition('b200-small')).toBeUndefined();
    const commit = await call(operator, 'POST', '/api/v1/resources/clusters/nacc-demo/partitions', {
      mode: 'commit',
      partition: partitionBody,
      reason: '증설',
    });
    expect(commit.json()).toMatchObject({ status: 'committed', partitions: [{ name: 'b200-small', nodes: 32, usedNodes: 0 }] });
    expect((await resourceAudits())[0]).toMatchObject({ action: 'resources.partition.create', objectId: 'nacc-demo/b200-small', reason: '증설' });

    const bind = await call(operator, 'PUT', '/api/v1/resources/pools/specialized-fm/b200-pool/binding', {
      mode: 'preview',
      clusterKey: 'nacc-demo',
      partitionName: 'b200-small',
    });
    expect(bind.statusCode).toBe(422);
    const err = bind.json().error;
    expect(err.field).toBe('partitionName');
    expect(err.issues[0].message.en).toContain('specialized-fm/b200-pool (512 GPUs = 64 nodes)');
    expect(err.issues[0].message.en).toContain('32 nodes × 8 = 256 GPUs');
    expect(err.issues[0].message.ko).toContain('노드 32대 초과');
    expect((await partition('b200'))!.usedNodes).toBe(384);
  });

  it('moves k-ai to a partition big enough, showing both partitions in the preview', async () => {
    const grow = await call(operator, 'PUT', '/api/v1/resources/clusters/nacc-demo/partitions/b200-small', {
      mode: 'commit',
      partition: {
        nodeTypeKey: 'b200x8',
        nodeGroups: [
          { label: 'b200-[385-416]', nodes: 32 },
          { label: 'b200-[417-704]', nodes: 288 },
        ],
      },
    });
    expect(grow.json().status).toBe('committed');
    const target = { clusterKey: 'nacc-demo', partitionName: 'b200-small' };
    // issue 13 item 8: a pool change names its nodes and, to commit, a reason
    const unnamed = await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/b200-pool/binding', { mode: 'preview', ...target });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().error.field).toBe('nodes');
    expect(unnamed.json().error.issues[0].message.en).toContain('b200-[385-416], b200-[417-704]');
    const short = await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/b200-pool/binding', { mode: 'preview', nodes: ['b200-[001-064]'], ...target });
    expect(short.json().error.issues.map((i: { field: string; message: { en: string } }) => `${i.field}: ${i.message.en}`)).toEqual([
      'nodes.0: node group b200-[001-064] is not in partition b200-small',
      'nodes: the named nodes are 0, fewer than the 320 the pool needs',
    ]);
    const noReason = await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/b200-pool/binding', {
      mode: 'commit',
      nodes: ['b200-[385-416]', 'b200-[417-704]'],
      ...target,
    });
    expect(noReason.json().error.field).toBe('reason');
    const preview = await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/b200-pool/binding', {
      mode: 'preview',
      nodes: ['b200-[385-416]', 'b200-[417-704]'],
      ...target,
    });
    expect(preview.json().changes).toEqual([{ field: 'bindings.k-ai/b200-pool.partitionName', before: 'b200', after: 'b200-small' }]);
    expect(preview.json().partitions.map((p: Partition) => [p.name, p.usedNodes, p.nodes])).toEqual([
      ['b200', 64, 384],
      ['b200-small', 320, 320],
    ]);
    const commit = await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/b200-pool/binding', {
      mode: 'commit',
      reason: '이전',
      nodes: ['b200-[385-416]', 'b200-[417-704]'],
      ...target,
    });
    expect(commit.json().status).toBe('committed');
    expect((await partition('b200'))!.usedNodes).toBe(64);
    expect((await resourceAudits())[0]).toMatchObject({
      action: 'resources.pool.bind',
      objectId: 'k-ai/b200-pool',
      reason: '이전',
      after: { nodes: ['b200-[385-416]', 'b200-[417-704]'] },
    });
    // the same binding again changes nothing
    expect(
      (
        await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/b200-pool/binding', {
          mode: 'commit',
          reason: '재확인',
          nodes: ['b200-[385-416]', 'b200-[417-704]'],
          ...target,
        })
      ).json().status,
    ).toBe('unchanged');
    // taking specialized-fm off would leave b200 empty; the preview says so and changes nothing
    const off = await call(operator, 'DELETE', '/api/v1/resources/pools/specialized-fm/b200-pool/binding', { mode: 'preview', nodes: ['b200-[001-064]'] });
    expect(off.json().changes).toEqual([
      {
        field: 'bindings.specialized-fm/b200-pool',
        before: { programSlug: 'specialized-fm', poolKey: 'b200-pool', clusterKey: 'nacc-demo', partitionName: 'b200' },
        after: null,
      },
    ]);
    expect(off.json().partitions.map((p: Partition) => [p.name, p.usedNodes])).toEqual([['b200', 0]]);
    expect((await partition('b200'))!.usedNodes).toBe(64);
  });

  it('refuses shrinking a partition or a node type under its pools, naming the field', async () => {
    const shrink = await call(operator, 'PUT', '/api/v1/resources/clusters/nacc-demo/partitions/b200-small', {
      mode: 'preview',
      partition: { nodeTypeKey: 'b200x8', nodeGroups: [{ label: 'b200-[385-704]', nodes: 319 }] },
    });
    expect(shrink.statusCode).toBe(422);
    expect(shrink.json().error.field).toBe('nodeGroups');
    expect(shrink.json().error.issues[0].message.en).toContain('k-ai/b200-pool (2,560 GPUs = 320 nodes)');

    const four = await call(operator, 'PUT', '/api/v1/resources/node-types/b200x8', { mode: 'preview', nodeType: { gpuModel: 'NVIDIA B200', gpusPerNode: 4 } });
    expect(four.statusCode).toBe(422);
    expect(four.json().error.field).toBe('gpusPerNode');
    const h200 = await call(operator, 'PUT', '/api/v1/resources/node-types/b200x8', { mode: 'preview', nodeType: { gpuModel: 'NVIDIA H200', gpusPerNode: 8 } });
    expect(h200.json().error.field).toBe('gpuModel');
    expect(
      h200
        .json()
        .error.issues.map((i: { message: { en: string } }) => i.message.en)
        .join(' '),
    ).toMatch(/k-ai\/b200-pool.*specialized-fm\/b200-pool|specialized-fm\/b200-pool.*k-ai\/b200-pool/);
    // memory is for the record: changing it is fine
    const mem = await call(operator, 'PUT', '/api/v1/resources/node-types/b200x8', {
      mode: 'commit',
      nodeType: { gpuModel: 'NVIDIA B200', gpusPerNode: 8, cpusPerNode: 112, memoryGb: 1536 },
    });
    expect(mem.json().changes).toEqual([{ field: 'nodeTypes.b200x8.memoryGb', before: 2048, after: 1536 }]);
  });

  it('names bad fields of new objects, unknown objects answer 404, and the audit chain holds', async () => {
    const zero = await call(operator, 'POST', '/api/v1/resources/node-types', {
      mode: 'preview',
      nodeType: { key: 'h100x8', gpuModel: 'NVIDIA H100', gpusPerNode: 0 },
    });
    expect(zero.statusCode).toBe(422);
    expect(zero.json().error.field).toBe('gpusPerNode');
    const twin = await call(operator, 'POST', '/api/v1/resources/clusters', {
      mode: 'preview',
      cluster: { key: 'other', name: { ko: '다른 센터', en: 'Other centre' }, site: { ko: '부산', en: 'Busan' }, slurmClusterName: 'nacc' },
    });
    expect(twin.json().error.field).toBe('slurmClusterName');
    const noType = await call(operator, 'POST', '/api/v1/resources/clusters/nacc-demo/partitions', {
      mode: 'preview',
      partition: { name: 'h100', nodeTypeKey: 'h100x8', nodeGroups: [{ label: 'h', nodes: 4 }] },
    });
    expect(noType.json().error.field).toBe('nodeTypeKey');
    expect((await call(operator, 'PUT', '/api/v1/resources/clusters/nowhere/partitions/b200', { mode: 'preview', partition: {} })).statusCode).toBe(404);
    expect(
      (await call(operator, 'PUT', '/api/v1/resources/pools/k-ai/no-pool/binding', { mode: 'preview', clusterKey: 'nacc-demo', partitionName: 'b200' }))
        .statusCode,
    ).toBe(404);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
