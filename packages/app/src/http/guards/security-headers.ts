import type { FastifyInstance } from 'fastify';

/**
 * The web pages load only their own scripts (Vite emits no inline script) and may not be framed.
 * Styles allow 'unsafe-inline' because Mantine writes its CSS variables into <style> elements at
 * run time; inline style cannot run code.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What our own pages show in a frame (the provenance report beside the gate ruling, a proposal's PDF): framed by this site only. */
const FRAMED_BY_OWN_PAGES = new Set([
  '/api/v1/provenance/comparisons/:id/report.html',
  // a proposal's PDF beside the reviewer's score sheet (the page's CSP allows same-origin frames via default-src)
  '/api/v1/review/me/rounds/:roundId/applications/:applicationId/attachments/:attachmentId',
]);

/** Headers on every response (the equal of @fastify/helmet's defaults that matter here). */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const framedByOwnPages = FRAMED_BY_OWN_PAGES.has(req.routeOptions.url ?? '');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', framedByOwnPages ? 'SAMEORIGIN' : 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html'))
      reply.header('content-security-policy', framedByOwnPages ? PAGE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'") : PAGE_CSP);
    return payload;
  });
}
