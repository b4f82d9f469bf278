import { safeFileName } from './safe-file-name.ts';
import type { Readable } from 'node:stream';
import { attachmentSizeProblem, attachmentTypeProblem, sniffFileType, SNIFF_BYTES } from '@stagegate/core/application/attachment-type';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import { BlobRejected, type BlobStore } from '../blobs/blob-store.ts';

export type StoredPdf = { status: 'stored'; fileName: string; sha256: string; sizeBytes: number };
export type RefusedPdf = { status: 'invalid'; issues: FieldIssue[] } | { status: 'too_large'; message: LocalizedText };

/**
 * Streams an uploaded PDF into the blob store: the name is made safe, the type is judged by the
 * file's first bytes (a renamed executable is refused), the size is capped while streaming, and
 * the bytes are kept under their SHA-256. Recording the upload is the caller's business.
 */
export async function storePdfUpload(
  blobs: BlobStore,
  file: { stream: Readable; fileName: string },
  maxBytes: number,
  fallbackName: string,
): Promise<StoredPdf | RefusedPdf> {
  const fileName = safeFileName(file.fileName, fallbackName);
  let typeProblem: LocalizedText | undefined;
  try {
    const blob = await blobs.put(file.stream, {
      maxBytes,
      headBytes: SNIFF_BYTES,
      inspectHead: (head) => {
        typeProblem = attachmentTypeProblem(sniffFileType(head), fileName);
        return typeProblem?.en;
      },
    });
    return { status: 'stored', fileName, sha256: blob.sha256, sizeBytes: blob.sizeBytes };
  } catch (err) {
    if (err instanceof BlobRejected && err.reason === 'too_large') return { status: 'too_large', message: attachmentSizeProblem(fileName, maxBytes) };
    if (err instanceof BlobRejected) return { status: 'invalid', issues: [{ field: 'file', message: typeProblem ?? { ko: err.message, en: err.message } }] };
    throw err;
  }
}
