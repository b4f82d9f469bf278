import type { LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

/** What a file's first bytes say it is; the name and the declared media type are not trusted. */
export type SniffedType = 'pdf' | 'windows_executable' | 'elf_executable' | 'unknown';

export function sniffFileType(head: Uint8Array): SniffedType {
  const starts = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts([0x4d, 0x5a])) return 'windows_executable'; // MZ
  if (starts([0x7f, 0x45, 0x4c, 0x46])) return 'elf_executable'; // \x7fELF
  return 'unknown';
}

/** Bytes needed to tell the types apart. */
export const SNIFF_BYTES = 5;

export function attachmentTypeProblem(type: SniffedType, fileName: string): LocalizedText | undefined {
  switch (type) {
    case 'pdf':
      return undefined;
    case 'windows_executable':
    case 'elf_executable':
      return {
        ko: `"${fileName}"${particle(fileName, '은/는')} PDF가 아니라 실행 파일입니다. PDF만 올릴 수 있습니다`,
        en: `"${fileName}" is an executable, not a PDF; only PDF files are accepted`,
      };
    case 'unknown':
      return {
        ko: `"${fileName}"${particle(fileName, '은/는')} PDF 파일이 아닙니다 (내용이 %PDF-로 시작하지 않음)`,
        en: `"${fileName}" is not a PDF (its content does not start with %PDF-)`,
      };
  }
}

export function attachmentSizeProblem(fileName: string, limitBytes: number): LocalizedText {
  const mb = (limitBytes / (1024 * 1024)).toFixed(limitBytes % (1024 * 1024) === 0 ? 0 : 1);
  return {
    ko: `"${fileName}"${particle(fileName, '이/가')} 공모의 첨부 한도 ${mb} MB를 넘습니다`,
    en: `"${fileName}" exceeds the call's attachment limit of ${mb} MB`,
  };
}
