import { and, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { checkTransition } from '@stagegate/core/application/application-status';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { applicationAttachments } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { storePdfUpload } from '../documents/pdf-upload.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { ApplicationRow } from './application-store.ts';

export type AttachmentRow = typeof applicationAttachments.$inferSelect;

export type UploadResult =
  | { status: 'committed'; attachment: AttachmentRow }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'too_large'; message: LocalizedText }
  | { status: 'not_editable'; message: LocalizedText };

/** A PDF for a draft: streamed to the blob store, judged by its bytes (never its name), recorded with its SHA-256. */
export async function uploadAttachment(
  db: Db,
  blobs: BlobStore,
  actor: Actor,
  app: ApplicationRow,
  file: { stream: Readable; fileName: string },
  maxBytes: number,
): Promise<UploadResult> {
  const editable = checkTransition(app.status, 'edit');
  if (!editable.ok) {
    file.stream.resume();
    return { status: 'not_editable', message: editable.message };
  }
  const stored = await storePdfUpload(blobs, file, maxBytes, 'attachment.pdf');
  if (stored.status !== 'stored') return stored;
  const { fileName, sizeBytes, sha256 } = stored;
  const attachment = await db.transaction(async (tx) => {
    const [row] = await tx.insert(applicationAttachments).values({ applicationId: app.id, fileName, sizeBytes, sha256, uploadedBy: actor.id }).returning();
    await appendAudit(tx, actor, {
      action: 'application.attachment.add',
      objectType: 'application',
      objectId: app.id,
      after: { attachmentId: row!.id, fileName, sizeBytes, sha256 },
    });
    return row!;
  });
  return { status: 'committed', attachment };
}

export async function getAttachment(db: Db, applicationId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.applicationId, applicationId), eq(applicationAttachments.id, attachmentId)));
  return row;
}

/** Removing hides the file from the draft; its bytes stay, since a frozen version may name them. */
export async function removeAttachment(db: Db, actor: Actor, app: ApplicationRow, attachmentId: string): Promise<'removed' | 'not_found' | LocalizedText> {
  const editable = checkTransition(app.status, 'edit');
  if (!editable.ok) return editable.message;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(applicationAttachments)
      .set({ removed: true })
      .where(and(eq(applicationAttachments.applicationId, app.id), eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.removed, false)))
      .returning();
    if (!row) return 'not_found' as const;
    await appendAudit(tx, actor, {
      action: 'application.attachment.remove',
      objectType: 'application',
      objectId: app.id,
      before: { attachmentId, fileName: row.fileName, sha256: row.sha256 },
    });
    return 'removed' as const;
  });
}
