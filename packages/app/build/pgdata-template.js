// The data folder a new embedded database starts from (src/db/pgdata-template.ts): PGlite's initdb
// and every committed migration, run once here instead of on each user's first start. It depends
// only on the migrations and the PGlite release, so it is kept in node_modules/.cache under a hash
// of both and reused by later builds; a build copies it into dist/pgdata-template.
import { cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './app-dist.js';
import { sourceSignature } from './source-stamp.js';

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

async function pgliteVersion() {
  // the package's exports hide package.json; its main entry sits in dist/ below the package folder
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(await readFile(new URL('../package.json', `file://${entry}`), 'utf8'));
  return pkg.version;
}

/** Copies the template for the current migrations into `dest`, making it first if no build has. */
export async function writePgdataTemplate(dest) {
  const key = sourceSignature(repoRoot, ['packages/app/drizzle'], { contents: true }).slice(0, 16) + '-' + (await pgliteVersion());
  const cached = `${repoRoot}node_modules/.cache/stagegate/pgdata-${key}`;
  const missing = await stat(`${cached}/PG_VERSION`).then(
    () => false,
    () => true,
  );
  if (missing) {
    const started = performance.now();
    const tmp = `${cached}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(`${repoRoot}node_modules/.cache/stagegate`, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite(tmp);
    await client.waitReady;
    await migrate(drizzle(client), { migrationsFolder });
    await client.close();
    await rm(cached, { recursive: true, force: true });
    await rename(tmp, cached);
    console.error(`stagegate: made the initial database (initdb and migrations) in ${Math.round(performance.now() - started)} ms`);
  }
  await cp(cached, dest, { recursive: true });
}
