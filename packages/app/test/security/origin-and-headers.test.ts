import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { loadConfig } from '../../src/config.ts';
import { attachmentDisposition, safeFileName } from '../../src/documents/safe-file-name.ts';
import { createTestServer, signIn, TEST_ORIGIN } from '../support/test-context.ts';
import { api, createOrganisation, readyApplication, samplePdf, signUp } from '../applications/support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let raw: Awaited<ReturnType<typeof buildServer>>['app'];
let operator: string;

beforeAll(async () => {
  t = await createTestServer();
  // the same server without the tests' default Origin, as a script or another site would reach it
  raw = (await buildServer(t.ctx, { logger: false })).app;
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 120_000);
afterAll(async () => {
  await raw.close();
  await t.dispose();
});

const orgBody = { nameKo: '교차사이트AI', nameEn: 'Cross Site AI', type: 'startup', country: 'KR', registrationNo: '000-00-00000' };

describe('issue 12 item 4: cross-site requests', () => {
  it('refuses a state-changing /api/v1 request from another origin with 403 naming the origin', async () => {
    const res = await raw.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      payload: orgBody,
      headers: { cookie: operator, origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'cross_site_request', field: 'origin' });
    expect(res.json().error.message).toContain('send Origin: http://localhost:3000');
  });

  it('refuses a write with neither Origin nor Sec-Fetch-Site, and a cross-site Sec-Fetch-Site', async () => {
    for (const headers of [{}, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }]) {
      const res = await raw.inject({
        method: 'PATCH',
        url: '/api/v1/allocations/00000000-0000-4000-8000-000000000000',
        payload: { mode: 'preview', gpus: 8 },
        headers: { cookie: operator, ...headers },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
    }
  });

  it('lets through the public URL, its loopback twin on the same port, and same-origin fetch metadata', async () => {
    const config = loadConfig({});
    for (const headers of [{ origin: TEST_ORIGIN }, { origin: `http://127.0.0.1:${config.port}` }, { 'sec-fetch-site': 'same-origin' }]) {
      const res = await raw.inject({
        method: 'PATCH',
        url: '/api/v1/allocations/00000000-0000-4000-8000-000000000000',
        payload: { mode: 'preview', gpus: 8 },
        headers: { cookie: operator, ...headers },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(404); // reached the route: no such allocation
    }
  });

  it('leaves reads alone: GET from anywhere answers', async () => {
    const res = await raw.inject({ method: 'GET', url: '/api/v1/programs', headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('issue 12 item 5: headers and files', () => {
  it('sends nosniff, DENY framing and a Referrer-Policy on every response, errors included', async () => {
    for (const url of ['/api/v1/programs', '/api/v1/no-such-route', '/api/auth/get-session']) {
      const res = await raw.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it("gives HTML pages a CSP with no inline script and frame-ancestors 'none'", async () => {
    const res = await raw.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    // the page itself loads only script files, so the CSP does not break it
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('the web page source has no inline script for the CSP to block', () => {
    const html = readFileSync(fileURLToPath(new URL('../../../web/index.html', import.meta.url)), 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toMatch(/\bsrc=/);
  });

  it('file names lose bidi controls and path parts', () => {
    expect(safeFileName('invoice\u202Efdp.exe', 'x.pdf')).toBe('invoicefdp.exe');
    expect(safeFileName('../../etc/passwd', 'x.pdf')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\계획서.pdf', 'x.pdf')).toBe('계획서.pdf');
    expect(safeFileName('\u2067\u200F..', 'x.pdf')).toBe('x.pdf');
    expect(attachmentDisposition('사업\u202E계획서.pdf')).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('사업계획서.pdf')}`);
  });

  it('serves an upload as an attachment with its checked type and nosniff, under its cleaned name', async () => {
    const cookie = await signUp(t, 'bidi@files.test');
    const alice = api(t.app, cookie);
    const { id } = await readyApplication(alice, await createOrganisation(alice));
    const boundary = '----stagegate-bidi';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''..%2F..%2Fplan%E2%80%AEfdp.html\r\nContent-Type: text/html\r\n\r\n`,
      ),
      samplePdf(100),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/attachments`,
      payload,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode).toBe(201);
    const stored = up.json().attachment;
    expect(stored.fileName).toBe('planfdp.html');
    const back = await t.app.inject({ method: 'GET', url: `/api/v1/applications/${id}/attachments/${stored.id}`, headers: { cookie } });
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-disposition']).toBe(`attachment; filename="planfdp.html"; filename*=UTF-8''planfdp.html`);
  });
});
