import { Worker } from 'node:worker_threads';
import { scanKernelModule } from '../../packages/app/src/provenance/scan-kernel-wasm.ts';
let t = performance.now(); let c = process.cpuUsage();
const lap = (l: string) => { const n = performance.now(); const cu = process.cpuUsage(c); console.log(l, (n - t).toFixed(1), 'ms wall', ((cu.user + cu.system) / 1000).toFixed(1), 'ms cpu'); t = n; c = process.cpuUsage(); };
const bytes = scanKernelModule(16384); lap('assemble');
const m = new WebAssembly.Module(bytes); lap('compile');
const m2 = new WebAssembly.Module(scanKernelModule(16384)); lap('assemble+compile again');
for (const argv of [undefined, []] as const) {
  const w = new Worker(`require('node:worker_threads').parentPort.postMessage(1)`, { eval: true, execArgv: argv as any });
  await new Promise((r) => w.once('message', r)); lap('worker boot execArgv=' + JSON.stringify(argv));
  await w.terminate();
}
const ws = [0, 1].map(() => new Worker(`require('node:worker_threads').parentPort.postMessage(1)`, { eval: true }));
await Promise.all(ws.map((w) => new Promise((r) => w.once('message', r)))); lap('two workers boot');
console.log(process.execArgv);
process.exit(0);
