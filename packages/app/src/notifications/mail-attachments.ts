import type { Db } from '../db/connect.ts';
import type { MailAttachment } from '../db/schema/index.ts';
import { receiptOf } from '../applications/submission.ts';
import { resolveCall } from '../applications/call-catalog.ts';
import { getVersion } from '../applications/application-store.ts';
import { receiptPdf, receiptText } from '../applications/receipt-document.ts';
import { NoKoreanFontError } from '../documents/korean-pdf.ts';

export interface ResolvedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * The files of a mail, made when it is sent from what the outbox row names (so a receipt is the
 * same document as the download). A receipt is a PDF; without a Hangul font on this machine it is
 * the same receipt as UTF-8 text, so the mail still carries it.
 */
export async function resolveAttachments(db: Db, attachments: MailAttachment[]): Promise<ResolvedAttachment[]> {
  const out: ResolvedAttachment[] = [];
  for (const a of attachments) {
    if (a.source.kind !== 'receipt') continue;
    const receipt = await receiptOf(db, a.source.applicationId);
    if (!receipt) continue;
    const call = await resolveCall(db, receipt.program, receipt.call);
    const frozen = await getVersion(db, receipt.applicationId, receipt.version);
    if (!call || !frozen) continue;
    const content = frozen.content as { consortium: { lead?: { name?: string }; participants?: unknown[] }; proposal: { title?: string } };
    const details = {
      title: content.proposal.title ?? '',
      leadName: content.consortium.lead?.name ?? '',
      participantCount: content.consortium.participants?.length ?? 0,
    };
    try {
      out.push({ filename: `${receipt.receiptNo}.pdf`, contentType: 'application/pdf', content: await receiptPdf(receipt, call, details) });
    } catch (e) {
      if (!(e instanceof NoKoreanFontError)) throw e;
      out.push({
        filename: `${receipt.receiptNo}.txt`,
        contentType: 'text/plain; charset=utf-8',
        content: Buffer.from(receiptText(receipt, call, details), 'utf8'),
      });
    }
  }
  return out;
}
