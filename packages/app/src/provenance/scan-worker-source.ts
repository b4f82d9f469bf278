import { f16TableBytes } from './scan-kernel-wasm.ts';
import { blockElements } from '../adapters/safetensors/tensor-reader.ts';

/**
 * The scan worker, as source evaluated by `new Worker(…, { eval: true })`: it runs the same under
 * tsx, vitest and the esbuild bundle in dist, where a worker file beside this one would not exist.
 *
 * A task is one tensor (the primary) and the tensors it is compared with (partners, one per
 * reference or baseline model). The worker reads the files itself through the descriptors the main
 * thread opened (positional reads are safe across threads), so no tensor bytes cross threads. The
 * workers get the whole list of tasks and claim them through a shared counter, so no worker waits
 * for the main thread between tasks.
 *
 * Exactness: the report must not change with the speed-up, so the sums follow the summation order
 * of `addPairBlock` over the blocks `forEachBlock` made: blocks of BLOCK elements from the start of
 * each chunk of `chunk` elements, float64 sums of float32 values within a block, then added to the
 * running totals (the WebAssembly kernels of scan-kernel-wasm.ts keep that order). Reads are
 * smaller than a chunk (PIECE, a multiple of BLOCK, so they cut along block borders) to keep memory
 * flat and the bytes in cache between read and sums; they land in the kernels' memory directly.
 */
export const scanWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
// Linux applies a thread's own priority: in a server, requests win the CPU over a scan
if (workerData.nice) try { require('node:os').setPriority(workerData.nice); } catch {}
const BLOCK = ${blockElements};
const PIECE = 16 * BLOCK;
const sizes = { F64: 8, F32: 4, F16: 2, BF16: 2 };
// the sums run in WebAssembly (scan-kernel-wasm.ts): one kernel per dtype pair, each a whole read per
// call; the compiled module comes with the first tasks
let wasm = null;
let memory = null;
const TABLE = ${f16TableBytes};
function instantiate(kernels) {
  wasm = new WebAssembly.Instance(kernels, {}).exports;
  memory = wasm.memory;
  new Float32Array(memory.buffer, 0, 65536).set(new Float32Array(workerData.f16));
}
const align = (n) => Math.ceil(n / 64) * 64;
class TruncatedError extends Error {
  constructor(path, offset, reason) { super(reason); this.path = path; this.offset = offset; }
}

// reads count elements of a tensor from element first into the WebAssembly memory at byte at
function read(t, first, count, at) {
  const size = sizes[t.dtype];
  const bytes = count * size;
  const into = new Uint8Array(memory.buffer, at, bytes);
  const position = t.start + first * size;
  let done = 0;
  while (done < bytes) {
    const got = readSync(t.fd, into, done, bytes - done, position + done);
    if (got === 0) throw new TruncatedError(t.path, position + done, 'unexpected end of file: ' + (bytes - done) + ' more bytes expected (truncated data)');
    done += got;
  }
}

function scan(task, chunk, progress) {
  const { primary, partners } = task;
  // memory: the F16 table, each partner's seven sums, then one read buffer of a piece per side
  const momentsAt = TABLE;
  const primaryAt = align(momentsAt + 56 * partners.length);
  const partnerAt = [];
  let top = align(primaryAt + PIECE * sizes[primary.dtype]);
  for (const p of partners) {
    partnerAt.push(top);
    top = align(top + PIECE * sizes[p.tensor.dtype]);
  }
  if (top > memory.buffer.byteLength) memory.grow(Math.ceil((top - memory.buffer.byteLength) / 65536));
  new Float64Array(memory.buffer, momentsAt, 7 * partners.length).fill(0);
  const sizeA = sizes[primary.dtype];
  const ends = partners.map((p) => p.count);
  const kernel = partners.map((p) => wasm['k_' + primary.dtype + '_' + p.tensor.dtype]);
  const total = Math.max(0, ...ends);
  for (let c0 = 0; c0 < total; c0 += chunk) {
    const c1 = Math.min(c0 + chunk, total);
    let bytes = (c1 - c0) * sizeA;
    for (let p0 = c0; p0 < c1; p0 += PIECE) {
      const p1 = Math.min(p0 + PIECE, c1);
      read(primary, p0, p1 - p0, primaryAt);
      for (let k = 0; k < partners.length; k++) {
        const q1 = Math.min(p1, ends[k]);
        if (q1 <= p0) continue;
        read(partners[k].tensor, p0, q1 - p0, partnerAt[k]);
        bytes += (q1 - p0) * sizes[partners[k].tensor.dtype];
        // p0 - c0 is a whole number of blocks, so blocks counted from p0 are the chunk's blocks
        kernel[k](momentsAt + 56 * k, primaryAt, partnerAt[k], q1 - p0);
      }
    }
    progress(bytes);
  }
  return new Float64Array(memory.buffer.slice(momentsAt, momentsAt + 56 * partners.length));
}

// a list of tasks shared by every worker: each claims the next one from the shared counter
parentPort.on('message', ({ kernels, batch, next, chunk, tasks }) => {
  if (!wasm) instantiate(kernels);
  for (let index = Atomics.add(next, 0, 1); index < tasks.length; index = Atomics.add(next, 0, 1)) {
    try {
      const moments = scan(tasks[index], chunk, (progress) => parentPort.postMessage({ batch, index, progress }));
      parentPort.postMessage({ batch, index, moments }, [moments.buffer]);
    } catch (e) {
      const failure = e instanceof TruncatedError ? { path: e.path, offset: e.offset, reason: e.message } : { reason: String((e && e.stack) || e) };
      parentPort.postMessage({ batch, index, failure });
      return;
    }
  }
});`;
