import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PairMoments } from '@stagegate/core/provenance/pair-moments';
import type { CheckpointTensor } from '../adapters/safetensors/checkpoint.ts';
import { f16Table } from '../adapters/safetensors/dtype.ts';
import { SafetensorsError } from '../adapters/safetensors/safetensors-error.ts';
import { scanKernelModule } from './scan-kernel-wasm.ts';
import { scanWorkerSource } from './scan-worker-source.ts';
import { blockElements } from '../adapters/safetensors/tensor-reader.ts';

/** One tensor and the tensors it is compared with, over their first `count` elements each. */
export interface ScanTask {
  primary: CheckpointTensor;
  partners: Array<{ tensor: CheckpointTensor; count: number }>;
  /** bytes read so far for this task, reported once per chunk */
  onBytes: (n: number) => void;
}

interface Pending {
  task: ScanTask;
  resolve(m: PairMoments[]): void;
  reject(e: Error): void;
}

interface Reply {
  id: number;
  progress?: number;
  moments?: Float64Array;
  failure?: { path?: string; offset?: number; reason: string };
}

/** The F16 widening table and the kernels' module, built once and handed to every worker. */
let shared: { f16: SharedArrayBuffer; wasm: Uint8Array } | null = null;
function workerInputs() {
  if (shared) return shared;
  const f16 = new SharedArrayBuffer(65536 * 4);
  new Float32Array(f16).set(f16Table);
  shared = { f16, wasm: scanKernelModule(blockElements) };
  return shared;
}

/**
 * Worker threads, one per core by default, each scanning whole tensors: a tensor's sums stay in
 * one thread and in order, so the figures do not depend on which worker ran it or when.
 */
export class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, { id: number; job: Pending }>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly size: number;
  private readonly nice: number;

  constructor(
    private readonly chunkElements: number,
    opts: { threads?: number; nice?: number } = {},
  ) {
    this.size = Math.max(1, opts.threads ?? availableParallelism());
    this.nice = opts.nice ?? 0;
  }

  scan(task: ScanTask): Promise<PairMoments[]> {
    if (this.closed) return Promise.reject(new Error('scan pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts every worker now: a worker takes tens of milliseconds of CPU to boot (hundreds of wall
   * milliseconds on a busy machine), which then overlaps the headers' parsing instead of delaying
   * the first read.
   */
  warm(): this {
    while (!this.closed && this.workers.length < this.size) this.idle.push(this.spawn());
    return this;
  }

  /** Stops every worker; callers close the files only after this, since workers read their descriptors. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = [...this.queue.splice(0), ...[...this.running.values()].map((r) => r.job)];
    this.running.clear();
    for (const job of stopped) job.reject(new Error('scan pool is closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length && (this.idle.length || this.workers.length < this.size)) {
      const w = this.idle.pop() ?? this.spawn();
      this.start(w, this.queue.shift()!);
    }
  }

  private spawn(): Worker {
    const w = new Worker(scanWorkerSource, { eval: true, workerData: { ...workerInputs(), nice: this.nice } });
    this.workers.push(w);
    w.on('message', (m: Reply) => this.reply(w, m));
    w.on('error', (e) => this.fail(w, e));
    w.on('exit', (code) => {
      if (!this.closed) this.fail(w, new Error(`scan worker stopped (exit code ${code})`));
    });
    return w;
  }

  private start(w: Worker, job: Pending): void {
    const id = this.nextId++;
    this.running.set(w, { id, job });
    const { primary, partners } = job.task;
    const tensor = (t: CheckpointTensor) => ({ fd: t.file.fd, path: t.file.path, start: t.start, dtype: t.dtype });
    w.postMessage({
      id,
      chunk: this.chunkElements,
      primary: tensor(primary),
      partners: partners.map((p) => ({ tensor: tensor(p.tensor), count: p.count })),
    });
  }

  private reply(w: Worker, m: Reply): void {
    const run = this.running.get(w);
    if (!run || run.id !== m.id) return;
    if (m.progress !== undefined) {
      run.job.task.onBytes(m.progress);
      return;
    }
    this.running.delete(w);
    if (m.failure) {
      const f = m.failure;
      run.job.reject(f.path !== undefined ? new SafetensorsError(f.path, f.offset ?? null, f.reason) : new Error(f.reason));
    } else {
      const v = m.moments!;
      run.job.resolve(
        run.job.task.partners.map((_, k) => {
          const o = 7 * k;
          return { n: v[o]!, sumA: v[o + 1]!, sumB: v[o + 2]!, sumAA: v[o + 3]!, sumBB: v[o + 4]!, sumAB: v[o + 5]!, sumDD: v[o + 6]! };
        }),
      );
    }
    this.idle.push(w);
    this.pump();
  }

  private fail(w: Worker, e: Error): void {
    const run = this.running.get(w);
    this.running.delete(w);
    for (const list of [this.workers, this.idle]) {
      const i = list.indexOf(w);
      if (i >= 0) list.splice(i, 1);
    }
    run?.job.reject(e);
    this.pump();
  }
}
