import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.ts';
import { createTestContext } from './support/test-context.ts';

// A web build as Vite and its precompress step write it: hashed assets with .br/.gz beside them.
const script = `console.log(${JSON.stringify('스테이지게이트 '.repeat(400))});\n`;
const html = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

let dir: string;
let app: FastifyInstance;
let dispose: () => Promise<void>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sg-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), html);
  await writeFile(join(dir, 'index.html.br'), brotliCompressSync(html));
  await writeFile(join(dir, 'index.html.gz'), gzipSync(html));
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js'), script);
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js.br'), brotliCompressSync(script));
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js.gz'), gzipSync(script));
  await writeFile(join(tmpdir(), 'sg-web-outside.txt'), 'not part of the site');
  const t = await createTestContext();
  ({ app } = await buildServer(t.ctx, { logger: false, webDist: dir }));
  dispose = async () => (await app.close(), await t.dispose());
}, 60_000);
afterAll(async () => {
  await dispose?.();
  await rm(dir, { recursive: true, force: true });
  await rm(join(tmpdir(), 'sg-web-outside.txt'), { force: true });
});

describe('the built web app as the server sends it', () => {
  it('sends a hashed script as brotli when accepted, gzip otherwise, plain to a client that accepts neither', async () => {
    const br = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 5);

    const gz = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    for (const r of [br, gz, plain]) expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('caches hashed assets for a year as immutable, and revalidates index.html on every visit', async () => {
    const asset = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'br' } });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/programs/k-ai']) {
      const page = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(brotliDecompressSync(page.rawPayload).toString(), url).toBe(html);
    }
  });

  it('keeps the security headers on static files: a CSP without inline script on the page, nosniff on everything', async () => {
    const page = await app.inject({ url: '/calls', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy']).match(/script-src[^;]*/)![0]).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['x-frame-options']).toBe('DENY');
  });

  it('answers 404 for a missing asset rather than index.html under a script name', async () => {
    const res = await app.inject({ url: '/assets/index-Zz99Yy88.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<div id="root">');
  });

  it('serves nothing outside the build folder, however the path is spelled', async () => {
    for (const url of [
      '/../sg-web-outside.txt',
      '/assets/../../sg-web-outside.txt',
      '/assets/..%2f..%2fsg-web-outside.txt',
      '/%2e%2e/sg-web-outside.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsg-web-outside.txt',
      '/assets/index-Ab12Cd34.js/..%2f..%2f..%2fsg-web-outside.txt',
    ]) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('not part of the site');
      expect([200, 400, 403, 404], url).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.body, url).toBe(html); // a client-side route at worst
    }
  });
});
