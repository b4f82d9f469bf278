import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * better-auth's scrypt parameters (N=16384, r=16, p=1, 64-byte key, hex "salt:key"), unchanged so
 * every stored hash keeps verifying; only where the work runs changes.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync, randomBytes, timingSafeEqual } = require('node:crypto');
// Linux applies a thread's own priority: the event loop's requests win the CPU over a hash
try { require('node:os').setPriority(${'${NICE}'}); } catch {}
const P = { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 };
const derive = (password, salt) => scryptSync(String(password).normalize('NFKC'), salt, 64, P);
parentPort.on('message', (m) => {
  try {
    if (m.op === 'hash') {
      const salt = randomBytes(16).toString('hex');
      parentPort.postMessage({ id: m.id, result: salt + ':' + derive(m.password, salt).toString('hex') });
    } else {
      const [salt, key] = String(m.hash).split(':');
      if (!salt || !key) throw new Error('Invalid password hash');
      const got = derive(m.password, salt);
      const want = Buffer.from(key, 'hex');
      parentPort.postMessage({ id: m.id, result: want.length === got.length && timingSafeEqual(got, want) });
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});`;

interface Job {
  id: number;
  message: { op: 'hash' | 'verify'; password: string; hash?: string };
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  close(): Promise<void>;
}

/** At most this many hashes wait; beyond it a sign-in is refused rather than queued for minutes. */
const MAX_QUEUED = 2_000;

/**
 * Hashes passwords on worker threads, one per core by default, at a lower thread priority, so a
 * burst of sign-ins never stalls the event loop (better-auth's own scrypt runs on libuv's shared
 * pool, where it also blocks file and DNS work). Workers start on first use; an idle pool does not
 * keep the process alive.
 */
export function createPasswordHasher(opts: { threads?: number; nice?: number } = {}): PasswordHasher {
  const size = Math.max(1, opts.threads ?? availableParallelism());
  const source = WORKER_SOURCE.replace('${NICE}', String(opts.nice ?? 5));
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const queue: Job[] = [];
  let started = 0;
  let nextId = 1;
  let closed = false;

  function spawn(): Worker {
    started++;
    const w = new Worker(source, { eval: true });
    w.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const job = busy.get(w);
      busy.delete(w);
      if (job) m.error !== undefined ? job.reject(new Error(m.error)) : job.resolve(m.result);
      release(w);
    });
    w.on('error', (e) => {
      busy.get(w)?.reject(e);
      busy.delete(w);
      started--;
      pump();
    });
    return w;
  }

  function release(w: Worker): void {
    const next = queue.shift();
    if (next) return run(w, next);
    w.unref();
    idle.push(w);
  }

  function run(w: Worker, job: Job): void {
    w.ref();
    busy.set(w, job);
    w.postMessage({ id: job.id, ...job.message });
  }

  function pump(): void {
    while (queue.length && (idle.length || started < size)) run(idle.pop() ?? spawn(), queue.shift()!);
  }

  function submit<T>(message: Job['message']): Promise<T> {
    if (closed) return Promise.reject(new Error('password hasher is closed'));
    if (queue.length >= MAX_QUEUED) return Promise.reject(new Error('too many sign-ins waiting; try again shortly'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ id: nextId++, message, resolve: resolve as (v: unknown) => void, reject });
      pump();
    });
  }

  return {
    hash: (password) => submit<string>({ op: 'hash', password }),
    verify: (hash, password) => submit<boolean>({ op: 'verify', password, hash }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('password hasher is closed'));
      await Promise.all([...idle.splice(0), ...busy.keys()].map((w) => w.terminate()));
    },
  };
}
