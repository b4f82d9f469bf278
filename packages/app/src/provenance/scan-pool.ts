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

/** A list of tasks the workers share: each claims the next one from `next`, a shared counter. */
interface Batch {
  id: number;
  tasks: ScanTask[];
  next: Int32Array;
  results: Array<PairMoments[] | undefined>;
  left: number;
  resolve(r: PairMoments[][]): void;
  reject(e: Error): void;
}

interface Reply {
  batch: number;
  index: number;
  progress?: number;
  moments?: Float64Array;
  failure?: { path?: string; offset?: number; reason: string };
}

/** The F16 widening table, built once and shared with every worker. */
let f16: SharedArrayBuffer | null = null;
function f16Shared(): SharedArrayBuffer {
  if (f16) return f16;
  f16 = new SharedArrayBuffer(65536 * 4);
  new Float32Array(f16).set(f16Table);
  return f16;
}

/**
 * The kernels, assembled and compiled once per process and posted to the workers with their first
 * tasks: the assembly (15–20 ms of CPU) then runs while the workers boot instead of before they
 * start, and the workers share one compiled module (V8 shares its code across threads).
 */
let kernels: WebAssembly.Module | null = null;
const compiledKernels = () => (kernels ??= new WebAssembly.Module(scanKernelModule(blockElements)));

/**
 * Worker threads, one per core by default, each scanning whole tensors: a tensor's sums stay in
 * one thread and in order, so the figures do not depend on which worker ran it or when.
 */
export class ScanPool {
  private readonly workers: Worker[] = [];
  private batch: Batch | null = null;
  private queue: Promise<unknown> = Promise.resolve();
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

  async scan(task: ScanTask): Promise<PairMoments[]> {
    const [moments] = await this.scanAll([task]);
    return moments!;
  }

  /**
   * Scans every task, in list order as workers come free: each worker claims the next task itself
   * (one shared counter), so it never waits for this thread to hand it one — on a busy machine that
   * thread may wait milliseconds for a core after each task. One list at a time; the first failure
   * rejects and stops the rest.
   */
  scanAll(tasks: ScanTask[]): Promise<PairMoments[][]> {
    const run = this.queue.then(() => this.run(tasks));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts every worker now: a worker takes tens of milliseconds of CPU to boot (hundreds of wall
   * milliseconds on a busy machine), which then overlaps the headers' parsing instead of delaying
   * the first read.
   */
  warm(): this {
    while (!this.closed && this.workers.length < this.size) this.spawn();
    return this;
  }

  /** Stops every worker; callers close the files only after this, since workers read their descriptors. */
  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('scan pool is closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private run(tasks: ScanTask[]): Promise<PairMoments[][]> {
    if (this.closed) return Promise.reject(new Error('scan pool is closed'));
    if (!tasks.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const next = new Int32Array(new SharedArrayBuffer(4));
      this.batch = { id: this.nextId++, tasks, next, results: [], left: tasks.length, resolve, reject };
      const tensor = (t: CheckpointTensor) => ({ fd: t.file.fd, path: t.file.path, start: t.start, dtype: t.dtype });
      const message = {
        kernels: compiledKernels(),
        batch: this.batch.id,
        next,
        chunk: this.chunkElements,
        tasks: tasks.map(({ primary, partners }) => ({
          primary: tensor(primary),
          partners: partners.map((p) => ({ tensor: tensor(p.tensor), count: p.count })),
        })),
      };
      while (this.workers.length < Math.min(this.size, tasks.length)) this.spawn();
      for (const w of this.workers) w.postMessage(message);
    });
  }

  private spawn(): void {
    const w = new Worker(scanWorkerSource, { eval: true, workerData: { f16: f16Shared(), nice: this.nice } });
    this.workers.push(w);
    w.on('message', (m: Reply) => this.reply(m));
    w.on('error', (e) => this.lose(w, e));
    w.on('exit', (code) => this.lose(w, new Error(`scan worker stopped (exit code ${code})`)));
  }

  private reply(m: Reply): void {
    const b = this.batch;
    if (!b || b.id !== m.batch) return;
    if (m.progress !== undefined) {
      b.tasks[m.index]!.onBytes(m.progress);
      return;
    }
    if (m.failure) {
      const f = m.failure;
      this.fail(f.path !== undefined ? new SafetensorsError(f.path, f.offset ?? null, f.reason) : new Error(f.reason));
      return;
    }
    const v = m.moments!;
    b.results[m.index] = b.tasks[m.index]!.partners.map((_, k) => {
      const o = 7 * k;
      return { n: v[o]!, sumA: v[o + 1]!, sumB: v[o + 2]!, sumAA: v[o + 3]!, sumBB: v[o + 4]!, sumAB: v[o + 5]!, sumDD: v[o + 6]! };
    });
    if (--b.left === 0) {
      this.batch = null;
      b.resolve(b.results as PairMoments[][]);
    }
  }

  /** A worker that stopped may have claimed a task it will never finish: the list fails. */
  private lose(w: Worker, e: Error): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    if (!this.closed) this.fail(e);
  }

  private fail(e: Error): void {
    const b = this.batch;
    if (!b) return;
    this.batch = null;
    // no worker claims another task of this list
    Atomics.store(b.next, 0, b.tasks.length);
    b.reject(e);
  }
}
