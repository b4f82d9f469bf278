import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { ApiError } from '../errors.ts';

/**
 * The origins a state-changing request may come from: STAGEGATE_PUBLIC_URL, and the same port on
 * loopback (a page served by this very process). better-auth trusts the same list.
 */
export function trustedOrigins(config: Pick<Config, 'publicUrl' | 'port'>): string[] {
  return [...new Set([new URL(config.publicUrl).origin, `http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`])];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request is refused as cross-site, or null when it may go on. */
export function crossSiteProblem(req: Pick<FastifyRequest, 'method' | 'url' | 'headers'>, allowed: ReadonlySet<string>): string | null {
  if (SAFE_METHODS.has(req.method) || !req.url.startsWith('/api/v1/')) return null;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '') return allowed.has(origin) ? null : `origin ${origin.slice(0, 200)} is not this site`;
  // no Origin (older browsers on same-origin requests): the browser's own Fetch Metadata decides
  const site = req.headers['sec-fetch-site'];
  if (site === 'same-origin') return null;
  return site ? `a ${String(site).slice(0, 40)} request` : 'neither Origin nor Sec-Fetch-Site was sent';
}

/**
 * Every state-changing /api/v1 request must come from this site (SameSite cookies alone do not
 * protect an office intranet where several sites share a registrable domain). Scripts send
 * `Origin: $STAGEGATE_PUBLIC_URL`; the CLI does not use HTTP.
 */
export function installOriginCheck(app: FastifyInstance, config: Pick<Config, 'publicUrl' | 'port'>): void {
  const allowed = new Set(trustedOrigins(config));
  const expected = new URL(config.publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    const problem = crossSiteProblem(req, allowed);
    if (!problem) return;
    throw new ApiError(403, 'cross_site_request', `refused: ${problem}; send Origin: ${expected}`, 'origin', [
      {
        field: 'origin',
        message: { ko: `다른 사이트에서 보낸 요청은 받지 않습니다 (Origin: ${expected} 필요)`, en: `refused: ${problem}; send Origin: ${expected}` },
      },
    ]);
  });
}
