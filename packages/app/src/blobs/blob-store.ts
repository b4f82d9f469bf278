import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.ts';

export class BlobRejected extends Error {
  constructor(
    readonly reason: 'too_large' | 'bad_content',
    message: string,
  ) {
    super(message);
  }
}

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
}

export interface UploadRules {
  maxBytes: number;
  headBytes: number;
  /** judges the file by its first bytes; a message refuses it */
  inspectHead(head: Buffer): string | undefined;
}

/**
 * Where uploaded files live, content-addressed by SHA-256 and written once, so a frozen version's
 * hashes always find their bytes: a folder (one process, or a folder every process mounts) or
 * PostgreSQL (every process behind a load balancer reads what any of them received).
 */
export interface BlobStore {
  readonly kind: 'folder' | 'postgres';
  put(source: Readable, rules: UploadRules): Promise<StoredBlob>;
  /** the bytes, or null when this store does not hold them */
  open(sha256: string): Promise<Readable | null>;
  /** the size in bytes, or null when this store does not hold them */
  size(sha256: string): Promise<number | null>;
}

export const isSha256 = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);

/** The folder for a folder store: STAGEGATE_BLOBS, else `<data dir>/blobs` (a temp folder for an in-memory database). */
export function blobDirFor(config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.STAGEGATE_BLOBS) return env.STAGEGATE_BLOBS;
  if (config.dataDir.startsWith('memory://')) return join(tmpdir(), 'stagegate-blobs');
  return join(config.dataDir, 'blobs');
}

/**
 * Streams an upload to a file in `dir/tmp` once: hashing and counting as the bytes pass, refusing
 * it as soon as it passes `maxBytes` or its first bytes fail `inspectHead` — the file is never held
 * in memory. The caller moves the staged file where it belongs, or removes it.
 */
export async function stageUpload(dir: string, source: Readable, rules: UploadRules): Promise<StoredBlob & { path: string }> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const path = join(dir, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer | null = Buffer.alloc(0);
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > rules.maxBytes) return done(new BlobRejected('too_large', `larger than ${rules.maxBytes} bytes`));
      if (head) {
        head = Buffer.concat([head, chunk.subarray(0, rules.headBytes)]);
        if (head.length >= rules.headBytes) {
          const problem = rules.inspectHead(head);
          if (problem) return done(new BlobRejected('bad_content', problem));
          head = null;
        }
      }
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      // a file shorter than the signature is judged on what there is
      if (head) {
        const problem = rules.inspectHead(head);
        if (problem) return done(new BlobRejected('bad_content', problem));
      }
      done();
    },
  });
  try {
    await pipeline(source, guard, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    // let the rest of the request body drain so the client receives our answer
    source.resume();
    throw err;
  }
  return { sha256: hash.digest('hex'), sizeBytes: size, path };
}

const pathOf = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/** Files under `dir/ab/abcdef…`. */
export function folderBlobStore(dir: string): BlobStore {
  return {
    kind: 'folder',
    async put(source, rules) {
      const staged = await stageUpload(dir, source, rules);
      const final = pathOf(dir, staged.sha256);
      await mkdir(join(dir, staged.sha256.slice(0, 2)), { recursive: true });
      const exists = await stat(final).then(
        () => true,
        () => false,
      );
      if (exists) await rm(staged.path, { force: true });
      else await rename(staged.path, final);
      return { sha256: staged.sha256, sizeBytes: staged.sizeBytes };
    },
    async open(sha256) {
      if (!isSha256(sha256)) return null;
      const exists = await stat(pathOf(dir, sha256)).then(
        () => true,
        () => false,
      );
      return exists ? createReadStream(pathOf(dir, sha256)) : null;
    },
    async size(sha256) {
      if (!isSha256(sha256)) return null;
      return stat(pathOf(dir, sha256)).then(
        (s) => s.size,
        () => null,
      );
    },
  };
}
