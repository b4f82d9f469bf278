// The scan's WebAssembly kernel alone, one thread, on 16 Mi BF16 pairs in memory (no reads):
// against the JavaScript loop it replaced (decodeInto + addPairBlock), and with `--before
// <checkout>` against that checkout's kernel, in the same process. Best of 8 by CPU time.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addPairBlock, emptyPairMoments } from '../../packages/core/src/provenance/pair-moments.ts';
import { decodeInto } from '../../packages/app/src/adapters/safetensors/dtype.ts';
import { blockElements } from '../../packages/app/src/adapters/safetensors/tensor-reader.ts';
import { f16TableBytes, scanKernelModule } from '../../packages/app/src/provenance/scan-kernel-wasm.ts';

const pairs = 16 * 1024 * 1024;
const piece = 16 * blockElements; // what a scan worker hands the kernel per call
const beforeAt = process.argv.indexOf('--before');

const a = new Uint16Array(pairs),
  b = new Uint16Array(pairs);
let s = 12345;
for (let i = 0; i < pairs; i++) {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  a[i] = 0x3c00 | ((s >>> 20) & 0x3ff) | ((s & 1) << 15);
  b[i] = a[i]! ^ ((s >>> 29) & 3);
}

type Run = () => number[];
function wasm(bytes: Uint8Array<ArrayBuffer>): Run {
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  const memory = ex.memory as WebAssembly.Memory;
  const at = f16TableBytes + 64,
    bAt = at + pairs * 2 + 64;
  memory.grow(Math.ceil((bAt + pairs * 2 - memory.buffer.byteLength) / 65536));
  new Uint16Array(memory.buffer, at, pairs).set(a);
  new Uint16Array(memory.buffer, bAt, pairs).set(b);
  const k = ex.k_BF16_BF16 as (m: number, a: number, b: number, n: number) => void;
  return () => {
    const m = new Float64Array(memory.buffer, f16TableBytes, 7).fill(0);
    for (let p = 0; p < pairs; p += piece) k(f16TableBytes, at + p * 2, bAt + p * 2, Math.min(piece, pairs - p));
    return [...m];
  };
}
const js: Run = () => {
  const m = emptyPairMoments();
  const x = new Float32Array(blockElements),
    y = new Float32Array(blockElements);
  const ra = new Uint8Array(a.buffer),
    rb = new Uint8Array(b.buffer);
  for (let p = 0; p < pairs; p += blockElements) {
    decodeInto('BF16', ra, p, blockElements, x);
    decodeInto('BF16', rb, p, blockElements, y);
    addPairBlock(m, x, y, blockElements);
  }
  return [m.n, m.sumA, m.sumB, m.sumAA, m.sumBB, m.sumAB, m.sumDD];
};

const runs: Record<string, Run> = { 'this kernel': wasm(scanKernelModule(blockElements)), 'JavaScript loop': js };
if (beforeAt > 0) {
  const root = resolve(process.argv[beforeAt + 1] ?? '');
  const before = (await import(pathToFileURL(`${root}/packages/app/src/provenance/scan-kernel-wasm.ts`).href)) as { scanKernelModule: typeof scanKernelModule };
  runs[`kernel of ${root}`] = wasm(before.scanKernelModule(blockElements));
}
const best: Record<string, number> = {};
const sums = new Set<string>();
for (let r = 0; r < 8; r++) {
  for (const [name, run] of Object.entries(runs)) {
    const c = process.cpuUsage();
    sums.add(run().join());
    const used = process.cpuUsage(c);
    best[name] = Math.min(best[name] ?? Infinity, (used.user + used.system) / 1000);
  }
}
console.log(`scan kernel, ${pairs / 2 ** 20} Mi BF16 pairs, best of 8 by CPU time${sums.size === 1 ? ', same sums to the bit' : ', SUMS DIFFER'}`);
for (const [name, ms] of Object.entries(best))
  console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(6)} ms  ${(pairs / ms / 1000).toFixed(0).padStart(5)} M pairs per CPU-second`);
if (sums.size !== 1) process.exitCode = 1;
