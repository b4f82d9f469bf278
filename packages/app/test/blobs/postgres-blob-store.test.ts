import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext } from '../support/test-context.ts';
import { blobChunks, blobs } from '../../src/db/schema/index.ts';
import { BLOB_CHUNK_BYTES, postgresBlobStore } from '../../src/blobs/postgres-blob-store.ts';
import { BlobRejected, type BlobStore, type UploadRules } from '../../src/blobs/blob-store.ts';

let t: Awaited<ReturnType<typeof createTestContext>>;
let staging: string;
let store: BlobStore;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
  staging = await mkdtemp(join(tmpdir(), 'sg-blob-staging-'));
  store = postgresBlobStore(t.ctx.db, staging);
}, 120_000);
afterAll(async () => {
  await t.dispose();
  await rm(staging, { recursive: true, force: true });
});

const pdfRules = (maxBytes = 10 * BLOB_CHUNK_BYTES): UploadRules => ({
  maxBytes,
  headBytes: 5,
  inspectHead: (h) => (h.subarray(0, 5).toString('latin1') === '%PDF-' ? undefined : 'not a PDF'),
});
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-'), randomBytes(bytes - 5)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** a request body arrives in pieces smaller than a chunk */
const upload = (b: Buffer) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += 64 * 1024) yield b.subarray(i, i + 64 * 1024);
    })(),
  );

describe('issue 19 item 7: uploads kept in PostgreSQL, where every process reads them', () => {
  it('gives back exactly the bytes it took, a 2.5 MiB file in three rows of at most 1 MiB', async () => {
    const file = pdf(Math.round(2.5 * BLOB_CHUNK_BYTES));
    const stored = await store.put(upload(file), pdfRules());
    expect(stored).toEqual({ sha256: sha(file), sizeBytes: file.length });
    const rows = await t.ctx.db.select().from(blobChunks).where(eq(blobChunks.sha256, stored.sha256));
    expect(rows.map((r) => r.seq).sort()).toEqual([0, 1, 2]);
    expect(Math.max(...rows.map((r) => r.data.length))).toBeLessThanOrEqual(BLOB_CHUNK_BYTES);
    const back = await buffer((await store.open(stored.sha256))!);
    expect(sha(back)).toBe(sha(file));
    expect(back.length).toBe(file.length);
    // nothing is left behind on the local disk
    expect((await readdir(join(staging, 'tmp'))).length).toBe(0);
  });

  it('stores the same bytes once, even when two uploads of them race', async () => {
    const file = pdf(300_000);
    const [a, b] = await Promise.all([store.put(upload(file), pdfRules()), store.put(upload(file), pdfRules())]);
    expect(a).toEqual(b);
    expect(await t.ctx.db.select().from(blobs).where(eq(blobs.sha256, a.sha256))).toHaveLength(1);
    expect(await t.ctx.db.select().from(blobChunks).where(eq(blobChunks.sha256, a.sha256))).toHaveLength(1);
  });

  it('refuses a file over the limit or of the wrong kind, and keeps nothing of it', async () => {
    const before = (await t.ctx.db.select().from(blobs)).length;
    const big = pdf(BLOB_CHUNK_BYTES + 10);
    await expect(store.put(upload(big), pdfRules(BLOB_CHUNK_BYTES))).rejects.toMatchObject({ reason: 'too_large' });
    await expect(store.put(upload(Buffer.from('MZ\x90\x00 an executable')), pdfRules())).rejects.toBeInstanceOf(BlobRejected);
    expect((await t.ctx.db.select().from(blobs)).length).toBe(before);
    expect((await readdir(join(staging, 'tmp'))).length).toBe(0);
  });

  it('answers null for bytes it does not hold (a 404, not a broken download)', async () => {
    expect(await store.open('0'.repeat(64))).toBeNull();
    expect(await store.open('../../etc/passwd')).toBeNull();
  });
});
