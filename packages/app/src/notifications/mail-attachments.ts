import type { Db } from '../db/connect.ts';
import type { MailAttachment } from '../db/schema/index.ts';
import { receiptOf } from '../applications/submission.ts';
import { resolveCall } from '../applications/call-catalog.ts';
import { getVersion } from '../applications/application-store.ts';
import { receiptPdf, receiptText } from '../applications/receipt-document.ts';
import { NoKoreanFontError } from '../documents/korean-pdf.ts';
import { decisionLetterFacts, decisionLetterPdf, letterFileName } from '../stage-evaluation/decision-letter.ts';

/**
 * A team's decision letter, made from the published decision when the mail is sent. Without a
 * Hangul font the mail goes without it (its text states the same facts); the letter stays
 * downloadable once a font is installed.
 */
async function stageLetter(db: Db, evaluationId: string, taskKey: string): Promise<ResolvedAttachment | undefined> {
  const facts = await decisionLetterFacts(db, evaluationId, taskKey);
  if (!facts) return undefined;
  try {
    return { filename: letterFileName(facts), contentType: 'application/pdf', content: await decisionLetterPdf(facts) };
  } catch (e) {
    if (e instanceof NoKoreanFontError) return undefined;
    throw e;
  }
}

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
    if (a.source.kind === 'stage-letter') {
      const letter = await stageLetter(db, a.source.evaluationId, a.source.taskKey);
      if (letter) out.push(letter);
      continue;
    }
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
