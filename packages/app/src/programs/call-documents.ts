import type { Readable } from 'node:stream';
import {
  CALL_DOCUMENT_MAX_BYTES,
  CALL_DOCUMENT_SNIFF_BYTES,
  callDocumentMediaTypes,
  callDocumentSizeProblem,
  callDocumentTypeProblem,
  sniffCallDocument,
  type CallDocument,
  type CallDocumentType,
} from '@stagegate/core/call/call-document';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { BlobRejected, type BlobStore } from '../blobs/blob-store.ts';
import { safeFileName } from '../documents/safe-file-name.ts';
import { callStateAt, resolveCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import type { Actor } from '../auth/actor.ts';

export type CallDocumentUpload =
  | { status: 'stored'; fileName: string; sha256: string; sizeBytes: number; mediaType: string }
  | { status: 'invalid'; message: LocalizedText }
  | { status: 'too_large'; message: LocalizedText };

/**
 * Streams a call document into the blob store, judged by its first bytes and capped while it
 * streams. Storing bytes under their hash changes nothing anyone sees: the document joins a call
 * only through the program change (previewed, committed with a reason, audited).
 */
export async function storeCallDocument(blobs: BlobStore, file: { stream: Readable; fileName: string }): Promise<CallDocumentUpload> {
  const fileName = safeFileName(file.fileName, 'document.pdf');
  let type: CallDocumentType | null = null;
  try {
    const blob = await blobs.put(file.stream, {
      maxBytes: CALL_DOCUMENT_MAX_BYTES,
      headBytes: CALL_DOCUMENT_SNIFF_BYTES,
      inspectHead: (head) => {
        type = sniffCallDocument(head, fileName);
        return type ? undefined : callDocumentTypeProblem(fileName).en;
      },
    });
    return { status: 'stored', fileName, sha256: blob.sha256, sizeBytes: blob.sizeBytes, mediaType: callDocumentMediaTypes[type!] };
  } catch (err) {
    if (err instanceof BlobRejected && err.reason === 'too_large') return { status: 'too_large', message: callDocumentSizeProblem(fileName) };
    if (err instanceof BlobRejected) return { status: 'invalid', message: callDocumentTypeProblem(fileName) };
    throw err;
  }
}

export type CallDocumentAccess = { status: 'ok'; document: CallDocument } | { status: 'not_found' } | { status: 'not_yet_public' };

/**
 * Whether `actor` may download a document the call lists: the office always, everyone else once
 * the call has opened (by the database's clock) — a draft call's files are not yet announced.
 */
export async function callDocumentFor(db: Db, actor: Actor | null, programSlug: string, callKey: string, sha256: string): Promise<CallDocumentAccess> {
  const call = await resolveCall(db, programSlug, callKey);
  const document = call?.call.documents?.find((d) => d.sha256 === sha256);
  if (!call || !document) return { status: 'not_found' };
  if (actor?.role === 'operator') return { status: 'ok', document };
  const state = callStateAt(call, await databaseNow(db));
  return state === 'draft' ? { status: 'not_yet_public' } : { status: 'ok', document };
}
