import type { LetterPage } from '@stagegate/core/stage-evaluation/decision-letter';
import { renderKoreanPdf } from './korean-pdf.ts';

const pageContent = (p: LetterPage, breakBefore: boolean) => [
  { text: 'Stagegate', style: 'issuer', ...(breakBefore ? { pageBreak: 'before' } : {}) },
  { text: p.title, style: 'title' },
  {
    table: { widths: [110, '*'], body: p.rows.map(([label, value]) => [{ text: label, bold: true }, value]) },
    layout: 'lightHorizontalLines',
    margin: [0, 8, 0, 12],
  },
  { text: p.reasonsTitle, bold: true, margin: [0, 4, 0, 4] },
  { ul: p.reasons },
  { text: p.closing, margin: [0, 16, 0, 0] },
];

/** An official letter: the Korean page (the official text), then the English page. Needs a Hangul font (NoKoreanFontError). */
export function letterPdf(ko: LetterPage, en: LetterPage): Promise<Buffer> {
  return renderKoreanPdf({
    info: { title: en.title },
    content: [...pageContent(ko, false), ...pageContent(en, true)],
    styles: { issuer: { fontSize: 9, color: '#555555' }, title: { fontSize: 16, bold: true, margin: [0, 4, 0, 8] } },
    defaultStyle: { fontSize: 10.5, lineHeight: 1.3 },
  });
}
