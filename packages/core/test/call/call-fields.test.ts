import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateProgram } from '../../src/program/validate-program.ts';
import { describeField } from '../../src/shared/describe-field.ts';
import { sniffCallDocument } from '../../src/call/call-document.ts';

// the seeded specialized-fm program: its 2025 call gains a briefing and an announcement
const sfm = JSON.parse(readFileSync(new URL('../../../app/seed/programs/specialized-fm.json', import.meta.url), 'utf8'));
const pdfSha = 'a'.repeat(64);
const withCall = (extra: Record<string, unknown>) => ({ ...sfm, calls: [{ ...sfm.calls[0], ...extra }, ...sfm.calls.slice(1)] });
const briefingBefore = (closes: string) => new Date(Date.parse(closes) - 7 * 86_400_000).toISOString();
const announcement = {
  kind: 'announcement',
  title: { ko: '2025년 공고문', en: '2025 announcement' },
  fileName: 'notice.pdf',
  sha256: pdfSha,
  sizeBytes: 1200,
  mediaType: 'application/pdf',
};

describe('a call carries its briefing session and documents (issue 15 item 1)', () => {
  it('accepts a briefing before the deadline and an announcement PDF', () => {
    const def = withCall({
      briefing: { at: briefingBefore(sfm.calls[0].closes), place: { ko: '과천 정부청사 대회의실', en: 'Gwacheon Government Complex, main hall' } },
      documents: [announcement],
    });
    const { program, issues } = validateProgram(def);
    expect(issues).toEqual([]);
    expect(program!.calls[0]!.documents![0]!.title.ko).toBe('2025년 공고문');
  });

  it('refuses a briefing after the call closes, naming the field in words', () => {
    const late = new Date(Date.parse(sfm.calls[0].closes) + 86_400_000).toISOString();
    const def = withCall({ briefing: { at: late, place: { ko: '서울', en: 'Seoul' } } });
    const { program, issues } = validateProgram(def);
    expect(program).toBeUndefined();
    expect(issues.map((i) => i.field)).toEqual(['calls.0.briefing.at']);
    expect(describeField(def, 'calls.0.briefing.at').ko).toBe(`${sfm.calls[0].name.ko} 설명회 일시`);
  });

  it('refuses the same file twice and a second announcement', () => {
    const def = withCall({
      documents: [
        announcement,
        { ...announcement, kind: 'form', title: { ko: '신청서 서식', en: 'application form' } },
        { ...announcement, sha256: 'b'.repeat(64) },
      ],
    });
    const fields = validateProgram(def).issues.map((i) => i.field);
    expect(fields).toContain('calls.0.documents.1.sha256');
    expect(fields).toContain('calls.0.documents');
  });

  it('names a document by its title and its parts in Korean', () => {
    const def = withCall({ documents: [announcement] });
    expect(describeField(def, 'calls.0.documents.0.fileName').ko).toBe(`${sfm.calls[0].name.ko} 2025년 공고문 파일 이름`);
    expect(describeField(def, 'calls.0.briefing.place.ko').ko).toBe(`${sfm.calls[0].name.ko} 설명회 장소 한국어`);
  });

  it('refuses a media type it does not publish and an unbounded size', () => {
    const def = withCall({ documents: [{ ...announcement, mediaType: 'application/zip' }] });
    expect(validateProgram(def).issues[0]!.field).toBe('calls.0.documents.0.mediaType');
    const big = withCall({ documents: [{ ...announcement, sizeBytes: 31 * 1024 * 1024 }] });
    expect(validateProgram(big).issues[0]!.field).toBe('calls.0.documents.0.sizeBytes');
  });
});

describe('a call document is judged by its bytes, not its name', () => {
  const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(Buffer.from(p, 'latin1')) : p)));
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const zip = [0x50, 0x4b, 0x03, 0x04];

  it('knows PDF, HWP, HWPX, DOCX and XLSX', () => {
    expect(sniffCallDocument(bytes('%PDF-1.7\n'), 'renamed.hwp')).toBe('pdf');
    expect(sniffCallDocument(bytes(ole, [0, 0, 0]), '서식.hwp')).toBe('hwp');
    // HWPX (KS X 6101): the first zip entry "mimetype" holds application/hwp+zip
    expect(sniffCallDocument(bytes(zip, [0x0a, 0, 0, 0], 'mimetypeapplication/hwp+zip'), 'form.zip')).toBe('hwpx');
    expect(sniffCallDocument(bytes(zip, [0x14, 0], '[Content_Types].xml'), 'budget.xlsx')).toBe('xlsx');
    expect(sniffCallDocument(bytes(zip, [0x14, 0], '[Content_Types].xml'), 'plan.DOCX')).toBe('docx');
  });

  it('refuses an executable named .pdf, a plain zip and an old .doc in an OLE container', () => {
    expect(sniffCallDocument(bytes('MZ\x90\x00'), 'notice.pdf')).toBeNull();
    expect(sniffCallDocument(bytes(zip, [0x14, 0], 'data.csv'), 'archive.zip')).toBeNull();
    expect(sniffCallDocument(bytes(ole), 'old.doc')).toBeNull();
  });
});
