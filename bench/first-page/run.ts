/**
 * The first page: bytes on the wire when a browser opens the home page of a real `stagegate serve`,
 * against the peer of the same app shipped as before — all of its JavaScript, uncompressed.
 * See README.md. Run: npx tsx bench/first-page/run.ts
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../e2e/support/browser.ts';
import { startStagegate } from '../../e2e/support/server.ts';
import { report } from '../report.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
for (const script of ['packages/app/build/build-dist.js', 'scripts/build-web.js']) {
  const r = spawnSync(process.execPath, [join(repo, script), '--if-changed'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} failed`);
}

// a phone on slow 4G as Lighthouse throttles it
const MBPS = 1.6;
const RTT_MS = 150;
/** index.html, then the scripts and styles it names (in parallel), then the lazy chunk of the route */
const ROUND_TRIPS = 3;
const slow4g = (bytes: number) => (ROUND_TRIPS * RTT_MS + (bytes * 8) / (MBPS * 1000)) / 1000;

const server = await startStagegate();
const browser = await launchBrowser();
const wire = { js: 0, css: 0, html: 0, brotli: 0, files: 0 };
try {
  const page = await browser.newPage();
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (req) => {
    pending.push(
      (async () => {
        const url = new URL(req.url());
        if (url.pathname.startsWith('/api/')) return;
        const sizes = await req.sizes();
        const res = await req.response();
        const type = res?.headers()['content-type'] ?? '';
        const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
        wire.files++;
        if (res?.headers()['content-encoding'] === 'br') wire.brotli++;
        if (type.includes('javascript')) {
          wire.js += bytes;
        } else if (type.includes('css')) wire.css += bytes;
        else if (type.includes('html')) wire.html += bytes;
      })(),
    );
  });
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.getByText('특화', { exact: false }).first().waitFor();
  await Promise.all(pending);
} finally {
  await browser.close();
  await server.stop();
}

const assets = join(repo, 'packages/web/dist/assets');
const sum = (ext: string) =>
  readdirSync(assets)
    .filter((f) => f.endsWith(ext))
    .reduce((n, f) => n + statSync(join(assets, f)).size, 0);
const allJs = sum('.js');
const allCss = sum('.css');
const kb = (b: number) => `${Math.round(b / 1024)} KB`;
console.error(`first page: ${wire.files} files (${wire.brotli} as brotli); JS ${kb(wire.js)} on the wire, CSS ${kb(wire.css)}, HTML ${kb(wire.html)}`);
console.error(`every script of the app, uncompressed: ${kb(allJs)}`);
const total = wire.js + wire.css + wire.html;
await report('first-page', [
  {
    workload: 'first page: JavaScript on the wire',
    ours: kb(wire.js),
    peer: `all JS uncompressed: ${kb(allJs)}`,
    ratio: `${(wire.js / allJs).toFixed(2)}×`,
    goal: '≤ 350 KB',
    met: wire.js <= 350 * 1024,
  },
  {
    workload: `first page on slow 4G (${MBPS} Mbps, ${RTT_MS} ms RTT, estimate)`,
    ours: `${slow4g(total).toFixed(1)} s (${kb(total)})`,
    peer: `${slow4g(allJs + allCss).toFixed(1)} s`,
    ratio: `${(slow4g(total) / slow4g(allJs + allCss)).toFixed(2)}×`,
    goal: 'reported',
  },
]);
