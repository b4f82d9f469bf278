// One measured run in its own process, so maxRSS is this run's peak and nothing else's.
import { open } from 'node:fs/promises';
import { compareCheckpoints } from '../../packages/app/src/provenance/compare-checkpoints.ts';

const [mode, ...files] = process.argv.slice(2);
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let bytes = 0;
let verdict: string;
if (mode === 'compare') {
  const report = await compareCheckpoints({ candidate: files[0]!, references: [files[1]!] });
  bytes = report.candidate.bytes + report.references[0]!.bytes;
  verdict = report.verdict;
} else {
  // the plain sequential read the comparison is measured against: big chunks, no work per byte
  const buf = new Uint8Array(16 * 1024 * 1024);
  let check = 0;
  for (const f of files) {
    const fh = await open(f, 'r');
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      bytes += bytesRead;
      check ^= buf[bytesRead - 1]!;
    }
    await fh.close();
  }
  verdict = String(check);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ mode, bytes, seconds, cpuSeconds, maxRssKb: process.resourceUsage().maxRSS, verdict }));
