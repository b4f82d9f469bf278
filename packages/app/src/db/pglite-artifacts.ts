import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface PgliteArtifacts {
  pgliteWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

let artifacts: Promise<PgliteArtifacts> | undefined;

async function load(): Promise<PgliteArtifacts> {
  // PGlite finds both files beside its own code (new URL('./pglite.wasm', import.meta.url))
  const dist = new URL('./', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const [wasm, bundle] = await Promise.all([readFile(new URL('pglite.wasm', dist)), readFile(new URL('pglite.data', dist))]);
  return { pgliteWasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([bundle]) };
}

/**
 * Starts compiling PGlite's WebAssembly Postgres (9 MB) and reading its file-system bundle (6 MB).
 * PGlite does both only once an instance is created, after the command's modules have loaded; begun
 * as soon as the CLI knows its command opens the embedded database, the compile runs on V8's
 * background threads and the reads on the I/O pool while the main thread loads those modules.
 */
export function preloadPglite(): void {
  artifacts ??= load();
  artifacts.catch(() => undefined); // an unused failed preload must not be an unhandled rejection
}

/**
 * The compiled module and the bundle for `new PGlite` when a preload was started, otherwise (the
 * server, the worker, tests) undefined: PGlite then loads its own, as it always did.
 */
export async function pgliteArtifacts(): Promise<PgliteArtifacts | undefined> {
  return artifacts?.catch(() => undefined);
}
