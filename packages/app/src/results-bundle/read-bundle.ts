import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MANIFEST_FILE } from '@stagegate/core/results-bundle/manifest';
import { readZip, ZipError } from './zip.ts';

/** Every file of a bundle as bytes, by its path inside the bundle. */
export type BundleBytes = Map<string, Buffer>;

export class BundleReadError extends Error {}

const MAX_FILES = 1000;
const MAX_FILE_BYTES = 256 * 1024 * 1024;

async function readFolder(root: string): Promise<BundleBytes> {
  const out: BundleBytes = new Map();
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 8) throw new BundleReadError(`${dir}: folders nested too deep`);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile()) {
        if (out.size >= MAX_FILES) throw new BundleReadError(`more than ${MAX_FILES} files`);
        if ((await stat(full)).size > MAX_FILE_BYTES) throw new BundleReadError(`${full}: larger than ${MAX_FILE_BYTES} bytes`);
        out.set(relative(root, full).split(sep).join('/'), await readFile(full));
      }
    }
  };
  await walk(root, 0);
  return out;
}

/** A zip may hold the bundle at its root or inside one folder (as `zip -r name.zip name/` makes it). */
function unwrap(entries: BundleBytes): BundleBytes {
  if (entries.has(MANIFEST_FILE)) return entries;
  const tops = new Set([...entries.keys()].map((k) => k.split('/')[0]));
  if (tops.size !== 1) return entries;
  const [top] = tops;
  return new Map([...entries].map(([k, v]) => [k.slice(top!.length + 1), v]));
}

/** Reads a bundle folder or zip file. Touches nothing but the path it is given. */
export async function readBundle(path: string): Promise<BundleBytes> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new BundleReadError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (info.isDirectory()) return unwrap(await readFolder(path));
  try {
    return unwrap(readZip(await readFile(path)));
  } catch (e) {
    if (e instanceof ZipError) throw new BundleReadError(`${path}: ${e.message}`);
    throw e;
  }
}
