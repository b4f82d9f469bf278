import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { and, asc, eq, gte } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { blobChunks, blobs } from '../db/schema/blobs.ts';
import { isSha256, stageUpload, type BlobStore } from './blob-store.ts';

/** At most this many bytes a row, written and read one row at a time. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/**
 * Uploads kept in PostgreSQL: staged and judged on the local disk first (size cap, content sniff,
 * SHA-256), then written in 1 MiB rows in one transaction. The same bytes uploaded twice, even by
 * two processes at once, are stored once: the second insert of the blob row waits for the first and
 * then does nothing.
 */
export function postgresBlobStore(db: Db, stagingDir: string): BlobStore {
  return {
    kind: 'postgres',
    async put(source, rules) {
      const staged = await stageUpload(stagingDir, source, rules);
      try {
        const chunkCount = Math.max(1, Math.ceil(staged.sizeBytes / BLOB_CHUNK_BYTES));
        await db.transaction(async (tx) => {
          const fresh = await tx
            .insert(blobs)
            .values({ sha256: staged.sha256, sizeBytes: staged.sizeBytes, chunkCount })
            .onConflictDoNothing()
            .returning({ sha256: blobs.sha256 });
          if (fresh.length === 0) return;
          let seq = 0;
          for await (const chunk of createReadStream(staged.path, { highWaterMark: BLOB_CHUNK_BYTES })) {
            await tx.insert(blobChunks).values({ sha256: staged.sha256, seq: seq++, data: chunk as Buffer });
          }
          // an empty file still has its one (empty) row, so reading finds what it expects
          if (seq === 0) await tx.insert(blobChunks).values({ sha256: staged.sha256, seq: 0, data: new Uint8Array(0) });
        });
      } finally {
        await rm(staged.path, { force: true });
      }
      return { sha256: staged.sha256, sizeBytes: staged.sizeBytes };
    },
    async open(sha256) {
      if (!isSha256(sha256)) return null;
      const [blob] = await db.select().from(blobs).where(eq(blobs.sha256, sha256));
      if (!blob) return null;
      async function* chunks() {
        for (let seq = 0; seq < blob!.chunkCount; seq++) {
          const [row] = await db
            .select({ data: blobChunks.data })
            .from(blobChunks)
            .where(and(eq(blobChunks.sha256, sha256), gte(blobChunks.seq, seq)))
            .orderBy(asc(blobChunks.seq))
            .limit(1);
          if (!row) throw new Error(`blob ${sha256} is missing chunk ${seq}`);
          yield Buffer.from(row.data);
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
    async size(sha256) {
      if (!isSha256(sha256)) return null;
      const [blob] = await db.select({ sizeBytes: blobs.sizeBytes }).from(blobs).where(eq(blobs.sha256, sha256));
      return blob ? Number(blob.sizeBytes) : null;
    },
  };
}
