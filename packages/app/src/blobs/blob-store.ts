import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.ts';

/**
 * Attachments live in a folder, content-addressed by SHA-256 (`ab/abcdef…`), so a stored file is
 * never rewritten and a frozen version's hashes always find their bytes. The folder is
 * STAGEGATE_BLOBS, else `<data dir>/blobs` (a temp folder for an in-memory database).
 */
export function blobDirFor(config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.STAGEGATE_BLOBS) return env.STAGEGATE_BLOBS;
  if (config.dataDir.startsWith('memory://')) return join(tmpdir(), 'stagegate-blobs');
  return join(config.dataDir, 'blobs');
}

export class BlobRejected extends Error {
  constructor(readonly reason: 'too_large' | 'bad_content', message: string) {
    super(message);
  }
}

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
}

const pathOf = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);

/**
 * Streams an upload to disk once: hashing and counting as the bytes pass, refusing it as soon as it
 * passes `maxBytes` or its first bytes fail `inspectHead` — the file is never held in memory.
 */
export async function putBlob(dir: string, source: Readable, opts: { maxBytes: number; headBytes: number; inspectHead(head: Buffer): string | undefined }): Promise<StoredBlob> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const tmp = join(dir, 'tmp', randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer | null = Buffer.alloc(0);
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > opts.maxBytes) return done(new BlobRejected('too_large', `larger than ${opts.maxBytes} bytes`));
      if (head) {
        head = Buffer.concat([head, chunk.subarray(0, opts.headBytes)]);
        if (head.length >= opts.headBytes) {
          const problem = opts.inspectHead(head);
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
        const problem = opts.inspectHead(head);
        if (problem) return done(new BlobRejected('bad_content', problem));
      }
      done();
    },
  });
  try {
    await pipeline(source, guard, createWriteStream(tmp));
  } catch (err) {
    await rm(tmp, { force: true });
    // let the rest of the request body drain so the client receives our answer
    source.resume();
    throw err;
  }
  const sha256 = hash.digest('hex');
  const final = pathOf(dir, sha256);
  await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
  const exists = await stat(final).then(() => true, () => false);
  if (exists) await rm(tmp, { force: true });
  else await rename(tmp, final);
  return { sha256, sizeBytes: size };
}

export function openBlob(dir: string, sha256: string): ReadStream {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return createReadStream(pathOf(dir, sha256));
}
