import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled app (packages/app/dist) ships a PGlite data folder already initialised and migrated
 * (made once by build/build-dist.js). A new embedded database starts as a copy of it instead of
 * running initdb, which is seconds of WebAssembly. Only dist has one: this path, relative to the
 * bundled chunk (dist/chunks/), is dist/pgdata-template; from src it names nothing, and the sources
 * (tests, tsx) run initdb as before. Migrations still run after the copy, so a template older than
 * the migrations is brought up to date like any data folder.
 */
const distTemplate = fileURLToPath(new URL('../pgdata-template', import.meta.url));

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function copyTree(src: string, dst: string): Promise<void> {
  await mkdir(dst, { recursive: true });
  const entries = await readdir(src, { withFileTypes: true });
  await Promise.all(entries.map((e) => (e.isDirectory() ? copyTree(join(src, e.name), join(dst, e.name)) : copyFile(join(src, e.name), join(dst, e.name)))));
}

/**
 * Makes `pgdata` from the template when it holds no database yet; the caller holds the data-folder
 * lock. The copy is made beside it and renamed into place, so a process killed halfway leaves no
 * half a database behind (the next start copies again).
 */
export async function createFromTemplate(pgdata: string, templateDir = distTemplate): Promise<boolean> {
  if (await exists(join(pgdata, 'PG_VERSION'))) return false;
  if (!(await exists(join(templateDir, 'PG_VERSION')))) return false;
  // an empty folder is replaced; anything else is left to PGlite, as without a template
  if (await exists(pgdata)) {
    if ((await readdir(pgdata)).length > 0) return false;
    await rm(pgdata, { recursive: true, force: true });
  }
  const tmp = `${pgdata}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await copyTree(templateDir, tmp);
  await rename(tmp, pgdata);
  return true;
}
