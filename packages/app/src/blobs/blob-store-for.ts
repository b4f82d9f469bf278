import { join } from 'node:path';
import type { AppContext } from '../context.ts';
import { blobDirFor, folderBlobStore, type BlobStore } from './blob-store.ts';
import { postgresBlobStore } from './postgres-blob-store.ts';

const stores = new WeakMap<AppContext, BlobStore>();

/**
 * The blob store of this context: on PostgreSQL the database itself (every process shares it),
 * unless STAGEGATE_BLOBS names a folder every process mounts; on the embedded database the data
 * folder, which only one process may open anyway.
 */
export function blobStoreFor(ctx: AppContext, env: NodeJS.ProcessEnv = process.env): BlobStore {
  let store = stores.get(ctx);
  if (!store) {
    const dir = blobDirFor(ctx.config, env);
    store = ctx.database.kind === 'postgres' && !env.STAGEGATE_BLOBS ? postgresBlobStore(ctx.db, join(dir, 'staging')) : folderBlobStore(dir);
    stores.set(ctx, store);
  }
  return store;
}
