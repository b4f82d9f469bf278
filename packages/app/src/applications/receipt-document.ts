import type { ResolvedCall } from './call-catalog.ts';
import type { Receipt } from './submission.ts';
import { formatSeoul } from './seoul-time.ts';

/**
 * The downloadable receipt, as UTF-8 text: no Hangul font is installed on the build machines
 * (`fc-list :lang=ko` is empty), and a PDF without one would print Korean as blanks.
 */
export function receiptText(receipt: Receipt, call: ResolvedCall, details: { title: string; leadName: string; participantCount: number }): string {
  const lines = [
    '접수증 / Submission receipt',
    '='.repeat(40),
    `접수번호 / Receipt no.     : ${receipt.receiptNo}`,
    `사업 / Program             : ${call.program.name.ko} (${call.program.name.en})`,
    `공모 / Call                : ${call.call.name.ko} (${call.call.name.en})`,
    `과제명 / Title             : ${details.title}`,
    `주관기관 / Lead            : ${details.leadName}`,
    `참여기관 수 / Participants : ${details.participantCount}`,
    `제출 시각 / Submitted at   : ${formatSeoul(new Date(receipt.submittedAt))} (Asia/Seoul)`,
    `제출본 / Frozen version    : ${receipt.version}`,
    `SHA-256                    : ${receipt.hash}`,
    '',
    '이 해시는 제출된 내용(컨소시엄, 제안서, 첨부 파일의 SHA-256)을 고정합니다.',
    'The hash fixes the submitted content (consortium, proposal, attachments’ SHA-256).',
  ];
  return lines.join('\n') + '\n';
}
