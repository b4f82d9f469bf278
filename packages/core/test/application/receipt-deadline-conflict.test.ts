import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatReceiptNumber, parseReceiptNumber, receiptYear } from '../../src/application/receipt-number.ts';
import { judgeDeadline } from '../../src/application/deadline.ts';
import { judgeDraftSave } from '../../src/application/draft-conflict.ts';
import { canonicalJson } from '../../src/application/canonical-json.ts';
import { checkTransition } from '../../src/application/application-status.ts';
import { sniffFileType, attachmentTypeProblem } from '../../src/application/attachment-type.ts';
import { leadIdentity } from '../../src/application/lead-identity.ts';

describe('receipt numbers', () => {
  it('read PREFIX-YEAR-NNNN', () => {
    expect(formatReceiptNumber('SFM', 2025, 7)).toBe('SFM-2025-0007');
    expect(formatReceiptNumber('KAI', 2026, 12345)).toBe('KAI-2026-12345');
    expect(() => formatReceiptNumber('sfm', 2025, 1)).toThrow(/prefix/);
    expect(() => formatReceiptNumber('SFM', 2025, 0)).toThrow(/sequence/);
  });
  it('parse back what they format, and distinct sequences never collide', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        const ra = formatReceiptNumber('SFM', 2025, a);
        expect(parseReceiptNumber(ra)).toEqual({ prefix: 'SFM', year: 2025, sequence: a });
        expect(ra === formatReceiptNumber('SFM', 2025, b)).toBe(a === b);
      }),
    );
  });
  it('carry the Korean calendar year of the opening', () => {
    expect(receiptYear(new Date('2025-12-31T15:30:00Z'))).toBe(2026); // 00:30 on 1 Jan in Seoul
    expect(receiptYear(new Date('2025-12-31T14:30:00Z'))).toBe(2025);
  });
});

describe('deadline', () => {
  const window = { opens: new Date('2025-09-15T00:00:00+09:00'), closes: new Date('2025-10-13T18:00:00+09:00') };
  it('is open between opening and close; the close instant itself is late', () => {
    expect(judgeDeadline(window, new Date('2025-10-13T17:59:59.999+09:00')).open).toBe(true);
    const late = judgeDeadline(window, new Date('2025-10-13T18:00:00+09:00'));
    expect(late).toMatchObject({ open: false, reason: 'closed' });
    if (!late.open) expect(late.message.ko).toContain('2025-10-13 18:00:00');
    expect(judgeDeadline(window, new Date('2025-09-14T23:59:59+09:00'))).toMatchObject({ open: false, reason: 'not_yet_open' });
  });
  it('honours an operator extension for one application, never a shortening', () => {
    const until = new Date('2025-10-20T18:00:00+09:00');
    expect(judgeDeadline({ ...window, extendedUntil: until }, new Date('2025-10-15T00:00:00+09:00')).open).toBe(true);
    expect(judgeDeadline({ ...window, extendedUntil: new Date('2025-10-01T00:00:00+09:00') }, new Date('2025-10-05T00:00:00+09:00')).open).toBe(true);
  });
});

describe('draft conflicts', () => {
  it('accepts a save based on the latest version and sets aside any other', () => {
    expect(judgeDraftSave(4, 4)).toEqual({ outcome: 'accept' });
    expect(judgeDraftSave(5, 4)).toEqual({ outcome: 'conflict', latest: 5 });
  });
});

describe('canonical JSON', () => {
  it('gives one text whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        expect(JSON.parse(canonicalJson(o))).toEqual(JSON.parse(JSON.stringify(o)));
      }),
    );
  });
});

describe('application status', () => {
  it('allows only the lifecycle moves', () => {
    expect(checkTransition('draft', 'submit').ok).toBe(true);
    expect(checkTransition('submitted', 'edit').ok).toBe(false);
    expect(checkTransition('submitted', 'withdraw').ok).toBe(true);
    expect(checkTransition('draft', 'reopen').ok).toBe(false);
    const r = checkTransition('withdrawn', 'submit');
    expect(r.ok ? '' : r.message.en).toBe('an application that is withdrawn cannot be submitted');
  });
});

describe('attachment type by content', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('knows a PDF by its %PDF- signature and an executable renamed .pdf by MZ or ELF', () => {
    expect(sniffFileType(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFileType(Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3]))).toBe('windows_executable');
    expect(sniffFileType(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2]))).toBe('elf_executable');
    expect(sniffFileType(bytes('%PD'))).toBe('unknown');
    expect(attachmentTypeProblem('windows_executable', 'plan.pdf')!.en).toContain('executable');
  });
});

describe('lead identity', () => {
  it('matches by registration number when there is one, else by normalised name', () => {
    expect(leadIdentity({ name: 'A', registrationNo: '220-81-62517' })).toBe(leadIdentity({ name: 'B', registrationNo: '2208162517' }));
    expect(leadIdentity({ name: '㈜업스테이지' })).toBe(leadIdentity({ name: '업스테이지 주식회사' }));
  });
});
