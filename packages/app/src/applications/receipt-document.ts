import type { ResolvedCall } from './call-catalog.ts';
import type { Receipt } from './submission.ts';
import { formatSeoul } from '@stagegate/core/shared/seoul-time';
import { renderKoreanPdf } from '../documents/korean-pdf.ts';

export interface ReceiptDetails {
  title: string;
  leadName: string;
  participantCount: number;
}

/** The facts a receipt states, label in Korean and English, shared by the text and the PDF forms. */
function receiptFacts(receipt: Receipt, call: ResolvedCall, details: ReceiptDetails): [ko: string, en: string, value: string][] {
  return [
    ['접수번호', 'Receipt no.', receipt.receiptNo],
    ['사업', 'Program', `${call.program.name.ko} (${call.program.name.en})`],
    ['공모', 'Call', `${call.call.name.ko} (${call.call.name.en})`],
    ['과제명', 'Title', details.title],
    ['주관기관', 'Lead', details.leadName],
    ['참여기관 수', 'Participants', String(details.participantCount)],
    ['제출 시각', 'Submitted at', `${formatSeoul(new Date(receipt.submittedAt))} (Asia/Seoul)`],
    ['제출본', 'Frozen version', String(receipt.version)],
    ['SHA-256', 'SHA-256', receipt.hash],
  ];
}

const HASH_NOTE = {
  ko: '이 해시는 제출된 내용(컨소시엄, 제안서, 첨부 파일의 SHA-256)을 고정합니다.',
  en: 'The hash fixes the submitted content (consortium, proposal, attachments’ SHA-256).',
};

/** The downloadable receipt as UTF-8 text (readable anywhere, no font needed). */
export function receiptText(receipt: Receipt, call: ResolvedCall, details: ReceiptDetails): string {
  const lines = [
    '접수증 / Submission receipt',
    '='.repeat(40),
    ...receiptFacts(receipt, call, details).map(([ko, en, v]) => `${`${ko} / ${en}`.padEnd(26)} : ${v}`),
    '',
    HASH_NOTE.ko,
    HASH_NOTE.en,
  ];
  return lines.join('\n') + '\n';
}

/** The same receipt as a Korean PDF, for filing; needs a Hangul font (NoKoreanFontError otherwise). */
export function receiptPdf(receipt: Receipt, call: ResolvedCall, details: ReceiptDetails): Promise<Buffer> {
  return renderKoreanPdf({
    info: { title: `접수증 ${receipt.receiptNo}`, creator: 'Stagegate' },
    defaultStyle: { fontSize: 10 },
    pageMargins: [48, 56, 48, 56],
    content: [
      { text: '접수증', fontSize: 20, bold: true },
      { text: 'Submission receipt', fontSize: 11, color: '#555', margin: [0, 0, 0, 14] },
      {
        table: {
          widths: ['auto', '*'],
          body: receiptFacts(receipt, call, details).map(([ko, en, v]) => [
            { text: `${ko}\n${en}`, bold: true, fontSize: 9 },
            { text: v, fontSize: ko === 'SHA-256' ? 8 : 10 },
          ]),
        },
        layout: 'lightHorizontalLines',
      },
      { text: HASH_NOTE.ko, fontSize: 9, margin: [0, 14, 0, 0] },
      { text: HASH_NOTE.en, fontSize: 9, color: '#555' },
    ],
  });
}
