// Writes a synthetic `sacct -X --allusers --json` output (Slurm 22.05 / dbv0.0.37 shape, compact
// like `sacct --json | jq -c`) with N jobs: 40 task accounts, 400 users, B200 jobs of 1–64 GPUs
// over March 2026, some crossing the window edges, some running, pending or CPU-only.
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRng } from '../../packages/core/src/shared/random.ts';

export const MONTH_START = Date.UTC(2026, 1, 28, 15) / 1000; // 2026-03-01T00:00+09:00
export const MONTH_END = Date.UTC(2026, 2, 31, 15) / 1000; // 2026-04-01T00:00+09:00

function job(k: number, rng: ReturnType<typeof createRng>) {
  const task = rng.int(40);
  const account = `sfm-task-${String(task).padStart(2, '0')}`;
  const user = `u${task}-${rng.int(10)}`;
  const gpus = [0, 1, 2, 4, 8, 8, 8, 16, 32, 64][rng.int(10)]!;
  const nodes = Math.max(1, Math.ceil(gpus / 8));
  const submission = MONTH_START - 2 * 86400 + rng.int(33 * 86400);
  const roll = rng.int(100);
  const start = roll < 3 ? 0 : submission + rng.int(3600);
  const length = 60 + rng.int(48 * 3600);
  const end = start === 0 || roll < 6 ? 0 : start + length;
  const state = start === 0 ? 'PENDING' : end === 0 ? 'RUNNING' : ['COMPLETED', 'COMPLETED', 'COMPLETED', 'FAILED', 'TIMEOUT', 'CANCELLED'][rng.int(6)];
  const tres = (withGpu: boolean) => [
    { type: 'cpu', name: '', id: 1, count: nodes * 64 },
    { type: 'mem', name: '', id: 2, count: nodes * 512000 },
    { type: 'node', name: '', id: 4, count: nodes },
    { type: 'billing', name: '', id: 5, count: nodes * 64 },
    ...(withGpu && gpus
      ? [
          { type: 'gres', name: 'gpu', id: 1001, count: gpus },
          { type: 'gres', name: 'gpu:b200', id: 1002, count: gpus },
        ]
      : []),
  ];
  return {
    account,
    comment: { administrator: '', job: '', system: '' },
    allocation_nodes: start ? nodes : 0,
    array: { job_id: 0, limits: { max: { running: { tasks: 0 } } }, task: null, task_id: null },
    time: {
      elapsed: start ? (end ? end - start : 3600) : 0,
      eligible: submission,
      end,
      start,
      submission,
      suspended: 0,
      system: { seconds: rng.int(100), microseconds: rng.int(1e6) },
      limit: 2880,
      total: { seconds: rng.int(1e6), microseconds: rng.int(1e6) },
      user: { seconds: rng.int(1e6), microseconds: rng.int(1e6) },
    },
    association: { account, cluster: 'nipa-b200', partition: null, user },
    cluster: 'nipa-b200',
    constraints: '',
    derived_exit_code: { status: 'SUCCESS', return_code: 0 },
    exit_code: { status: state === 'COMPLETED' ? 'SUCCESS' : 'FAILED', return_code: state === 'COMPLETED' ? 0 : 1 },
    flags: ['CLEAR_SCHEDULING', 'STARTED_ON_SUBMIT'],
    group: user,
    het: { job_id: 0, job_offset: null },
    job_id: 100000 + k,
    name: `train-${account}-${k}`,
    mcs: { label: '' },
    nodes: start ? `b200-${String(rng.int(64)).padStart(3, '0')}` : 'None assigned',
    partition: 'gpu',
    priority: 4294901700 - rng.int(1000),
    qos: `${account}-qos`,
    required: { CPUs: nodes * 64, memory: 0 },
    kill_request_user: null,
    reservation: { id: 0, name: 0 },
    state: { current: state, reason: start ? 'None' : 'QOSGrpGRES' },
    steps: [],
    tres: { allocated: tres(start !== 0), requested: tres(true) },
    user,
    wckey: { wckey: '', flags: [] },
    working_directory: `/home/${user}/runs/${k % 97}`,
  };
}

/** Writes the file unless it already exists; returns its size in bytes. */
export async function ensureSacctFile(path: string, jobs: number): Promise<number> {
  if (existsSync(path)) return statSync(path).size;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp);
  const rng = createRng(20260301 + jobs);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    '{"meta":{"plugin":{"type":"openapi/dbv0.0.37","name":"Slurm OpenAPI DB v0.0.37"},"Slurm":{"version":{"major":22,"micro":8,"minor":5},"release":"22.05.8"}},"errors":[],"jobs":[\n',
  );
  let batch: string[] = [];
  for (let k = 0; k < jobs; k++) {
    batch.push(JSON.stringify(job(k, rng)));
    if (batch.length === 1000 || k === jobs - 1) {
      await write(batch.join(',\n') + (k === jobs - 1 ? '\n' : ',\n'));
      batch = [];
    }
  }
  await write(']}\n');
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  return statSync(path).size;
}
