import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

const MAX_URL_CHARS = 8192;

/**
 * NUL cannot be stored by PostgreSQL, so a `%00` in a path or query would surface as a database
 * error; refuse it, and over-long URLs, before any route runs.
 */
export function installUrlGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const url = req.url;
    const field = url.indexOf('?') >= 0 && hasNul(url.slice(url.indexOf('?'))) ? 'query' : 'path';
    if (url.length > MAX_URL_CHARS) throw new ApiError(414, 'uri_too_long', `url: longer than ${MAX_URL_CHARS} characters`, 'url');
    if (hasNul(url)) {
      throw new ApiError(400, 'invalid_input', `${field}: must not contain NUL characters`, field, [
        { field, message: { ko: '주소에 NUL 문자를 쓸 수 없습니다', en: 'must not contain NUL characters' } },
      ]);
    }
  });
}

/** a NUL byte, raw or percent-encoded */
function hasNul(text: string): boolean {
  return text.includes('\u0000') || /%00/i.test(text);
}
