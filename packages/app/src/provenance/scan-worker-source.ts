/**
 * The scan worker, as source evaluated by `new Worker(…, { eval: true })`: it runs the same under
 * tsx, vitest and the esbuild bundle in dist, where a worker file beside this one would not exist.
 *
 * A task is one tensor (the primary) and the tensors it is compared with (partners, one per
 * reference or baseline model). The worker reads the files itself through the descriptors the main
 * thread opened (positional reads are safe across threads), so no tensor bytes cross threads.
 *
 * Exactness: the report must not change with the speed-up, so the sums follow the summation order
 * of `addPairBlock` over the blocks `forEachBlock` made: blocks of BLOCK elements from the start of
 * each chunk of `chunk` elements, float64 sums of float32 values within a block, then added to the
 * running totals. Reads are smaller than a chunk (PIECE, a multiple of BLOCK, so they cut along
 * block borders) to keep memory flat and the bytes in cache between read and sums.
 */
export const scanWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
// Linux applies a thread's own priority: in a server, requests win the CPU over a scan
if (workerData.nice) try { require('node:os').setPriority(workerData.nice); } catch {}
const BLOCK = ${16 * 1024};
const PIECE = 16 * BLOCK;
const sizes = { F64: 8, F32: 4, F16: 2, BF16: 2 };
// float32 value of every 16-bit pattern: widening is one table load, no call per element
const tables = { F16: new Float32Array(workerData.tables, 0, 65536), BF16: new Float32Array(workerData.tables, 65536 * 4, 65536) };

// One function per (16-bit | 32-bit) × (16-bit | 32-bit), each monomorphic for the JIT; it runs
// a whole read (many blocks) per call, so no call or allocation happens per block.
function makeKernel(aWide, bWide) {
  const x = aWide ? 'a[i]' : 'ta[a[i]]';
  const y = bWide ? 'b[i]' : 'tb[b[i]]';
  return new Function('m', 'a', 'ta', 'b', 'tb', 'end',
    'for (let b0 = 0; b0 < end; b0 += ' + BLOCK + ') {' +
    ' const b1 = Math.min(b0 + ' + BLOCK + ', end);' +
    ' let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, sdd = 0;' +
    ' for (let i = b0; i < b1; i++) { const x = ' + x + ', y = ' + y + '; const d = x - y;' +
    '  sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; sdd += d * d; }' +
    ' m[0] += b1 - b0; m[1] += sa; m[2] += sb; m[3] += saa; m[4] += sbb; m[5] += sab; m[6] += sdd; }');
}
const kernels = [[makeKernel(false, false), makeKernel(false, true)], [makeKernel(true, false), makeKernel(true, true)]];
class TruncatedError extends Error {
  constructor(path, offset, reason) { super(reason); this.path = path; this.offset = offset; }
}

// a side's read buffer, grown on demand and kept for the next task
class Side {
  constructor() { this.buf = new ArrayBuffer(0); this.narrow = new Float32Array(0); }
  read(t, first, count) {
    const size = sizes[t.dtype];
    const bytes = count * size;
    if (this.buf.byteLength < bytes) this.buf = new ArrayBuffer(Math.max(bytes, PIECE * 4));
    const into = new Uint8Array(this.buf, 0, bytes);
    const position = t.start + first * size;
    let done = 0;
    while (done < bytes) {
      const got = readSync(t.fd, into, done, bytes - done, position + done);
      if (got === 0) throw new TruncatedError(t.path, position + done, 'unexpected end of file: ' + (bytes - done) + ' more bytes expected (truncated data)');
      done += got;
    }
    if (t.dtype === 'F32') return new Float32Array(this.buf, 0, count);
    if (t.dtype === 'F64') {
      // decodeInto stores F64 in a Float32Array: rounded to float32 before any sum
      if (this.narrow.length < count) this.narrow = new Float32Array(Math.max(count, PIECE));
      const src = new Float64Array(this.buf, 0, count);
      for (let i = 0; i < count; i++) this.narrow[i] = src[i];
      return this.narrow.subarray(0, count);
    }
    return new Uint16Array(this.buf, 0, count);
  }
}
const primarySide = new Side();
const partnerSides = [];

function scan(task) {
  const { primary, partners, chunk } = task;
  const moments = new Float64Array(7 * partners.length);
  const views = partners.map((_, k) => moments.subarray(7 * k, 7 * k + 7));
  while (partnerSides.length < partners.length) partnerSides.push(new Side());
  const wideA = primary.dtype === 'F32' || primary.dtype === 'F64';
  const ta = tables[primary.dtype];
  const sizeA = sizes[primary.dtype];
  const ends = partners.map((p) => p.count);
  const wideB = partners.map((p) => p.tensor.dtype === 'F32' || p.tensor.dtype === 'F64');
  const tb = partners.map((p) => tables[p.tensor.dtype]);
  const kernel = wideB.map((w) => kernels[wideA ? 1 : 0][w ? 1 : 0]);
  const total = Math.max(0, ...ends);
  const got = new Array(partners.length);
  for (let c0 = 0; c0 < total; c0 += chunk) {
    const c1 = Math.min(c0 + chunk, total);
    let bytes = (c1 - c0) * sizeA;
    for (let p0 = c0; p0 < c1; p0 += PIECE) {
      const p1 = Math.min(p0 + PIECE, c1);
      const a = primarySide.read(primary, p0, p1 - p0);
      for (let k = 0; k < partners.length; k++) {
        const q1 = Math.min(p1, ends[k]);
        got[k] = q1 > p0 ? partnerSides[k].read(partners[k].tensor, p0, q1 - p0) : null;
        if (got[k]) bytes += (q1 - p0) * sizes[partners[k].tensor.dtype];
      }
      // p0 - c0 is a whole number of blocks, so blocks counted from p0 are the chunk's blocks
      for (let k = 0; k < partners.length; k++) if (got[k]) kernel[k](views[k], a, ta, got[k], tb[k], Math.min(p1, ends[k]) - p0);
    }
    parentPort.postMessage({ id: task.id, progress: bytes });
  }
  return moments;
}

parentPort.on('message', (task) => {
  try {
    const moments = scan(task);
    parentPort.postMessage({ id: task.id, moments }, [moments.buffer]);
  } catch (e) {
    const failure = e instanceof TruncatedError ? { path: e.path, offset: e.offset, reason: e.message } : { reason: String((e && e.stack) || e) };
    parentPort.postMessage({ id: task.id, failure });
  }
});`;
