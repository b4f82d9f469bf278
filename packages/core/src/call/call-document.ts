import { z } from 'zod';
import { localizedText, type LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * The files a call publishes beside its notice: the announcement and the forms applicants fill in.
 * Korean ministries publish these as PDF and HWP/HWPX (Hangul), with DOCX/XLSX forms alongside;
 * nothing else is accepted. The bytes live in the blob store under their SHA-256.
 */
export const callDocumentMediaTypes = {
  pdf: 'application/pdf',
  hwp: 'application/x-hwp',
  hwpx: 'application/hwp+zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type CallDocumentType = keyof typeof callDocumentMediaTypes;

/** A call document stays well below what a notice needs; a bigger file is refused while it streams. */
export const CALL_DOCUMENT_MAX_BYTES = 30 * 1024 * 1024;
/** Bytes read before judging a file: HWPX names its media type in the zip's first entry. */
export const CALL_DOCUMENT_SNIFF_BYTES = 512;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

export const callDocument = z.object({
  kind: z.enum(['announcement', 'form']),
  title: localizedText,
  fileName: z.string().min(1).max(200),
  sha256,
  sizeBytes: z.number().int().positive().max(CALL_DOCUMENT_MAX_BYTES),
  mediaType: z.enum(Object.values(callDocumentMediaTypes) as [string, ...string[]]),
});
export type CallDocument = z.infer<typeof callDocument>;

export const callBriefing = z.object({
  /** when the briefing session starts */
  at: z.string().datetime({ offset: true }),
  place: localizedText,
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  notes: localizedText.optional(),
});

/** At most this many documents on one call: an announcement and its forms. */
export const CALL_DOCUMENTS_MAX = 20;

const bytesAt = (head: Uint8Array, offset: number, sig: number[]) => sig.every((b, i) => head[offset + i] === b);
const ascii = (head: Uint8Array) => Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ' ')).join('');

/**
 * What a call document is, judged by its first bytes. The magic decides the family (PDF; OLE
 * compound file = HWP 5; zip = HWPX or Office Open XML); within the zip family HWPX names itself
 * in its first entry, and DOCX and XLSX — the same container — are told apart by the name's
 * extension, since their first entry is the same `[Content_Types].xml`. An OLE file must be
 * named .hwp (old .doc/.xls share the container and are not accepted).
 */
export function sniffCallDocument(head: Uint8Array, fileName: string): CallDocumentType | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (bytesAt(head, 0, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (bytesAt(head, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return ext === 'hwp' ? 'hwp' : null;
  if (bytesAt(head, 0, [0x50, 0x4b, 0x03, 0x04])) {
    const text = ascii(head);
    if (text.includes('application/hwp+zip')) return 'hwpx';
    if (ext === 'docx' || ext === 'xlsx') return ext;
    return null;
  }
  return null;
}

export function callDocumentTypeProblem(fileName: string): LocalizedText {
  return {
    ko: `"${fileName}"${particle(fileName, '은/는')} 공고 문서로 올릴 수 있는 형식이 아닙니다 (PDF, HWP, HWPX, DOCX, XLSX만 가능)`,
    en: `"${fileName}" is not a file a call can publish (only PDF, HWP, HWPX, DOCX and XLSX, judged by content)`,
  };
}

export function callDocumentSizeProblem(fileName: string): LocalizedText {
  const mb = CALL_DOCUMENT_MAX_BYTES / (1024 * 1024);
  return {
    ko: `"${fileName}"${particle(fileName, '이/가')} 공고 문서 한도 ${mb} MB를 넘습니다`,
    en: `"${fileName}" exceeds the ${mb} MB limit for call documents`,
  };
}
