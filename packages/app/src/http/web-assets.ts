import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const defaultWebDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Files under /assets/ carry a content hash in their name: a new release gets new names, so these never need revalidating. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app: hashed assets cached for a year, index.html revalidated on every visit
 * (so a release is seen at once), each file sent as the `.br` or `.gz` written at build when the
 * browser accepts it (`Vary: Accept-Encoding`). A missing asset is a 404, never index.html under
 * a script's name; any other path outside /api/ is a client-side route and gets index.html.
 */
export async function installWebAssets(app: FastifyInstance, root: string = defaultWebDist): Promise<void> {
  if (!existsSync(root)) return;
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root,
    wildcard: false, // only the files present at start are routes: nothing outside root can be named
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
    },
  });
  app.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    return reply.sendFile('index.html');
  });
}
