import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

type FontFace = [file: string, postscriptName?: string];

/**
 * Fonts with Hangul, in the order they are looked for. Noto Sans CJK (OFL) comes from Debian's
 * fonts-noto-cjk as a collection: pdfmake (through fontkit) opens a .ttc when told which face, and
 * embeds only the glyphs used, so a report stays ~100 KB rather than carrying the 16 MB font.
 */
const CANDIDATES: { normal: FontFace; bold: FontFace }[] = [
  {
    normal: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKkr-Regular'],
    bold: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 'NotoSansCJKkr-Bold'],
  },
  { normal: ['/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf'], bold: ['/usr/share/fonts/truetype/noto/NotoSansKR-Bold.ttf'] },
  { normal: ['/usr/share/fonts/truetype/nanum/NanumGothic.ttf'], bold: ['/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf'] },
];

/** Answered by the API as 503 with this message: the server lacks a font, the request is fine. */
export class NoKoreanFontError extends Error {}

/** STAGEGATE_KO_FONT (a .ttf/.otf with Hangul) when set, else the first installed candidate. */
export function koreanFont(env: NodeJS.ProcessEnv = process.env): { normal: FontFace; bold: FontFace } {
  const configured = env.STAGEGATE_KO_FONT;
  if (configured) {
    if (!existsSync(configured)) throw new NoKoreanFontError(`STAGEGATE_KO_FONT=${configured} does not exist`);
    return { normal: [configured], bold: [configured] };
  }
  const found = CANDIDATES.find((c) => existsSync(c.normal[0]));
  if (!found)
    throw new NoKoreanFontError(
      'no Korean font installed: install fonts-noto-cjk (scripts/system-packages.sh) or set STAGEGATE_KO_FONT to a .ttf/.otf with Hangul',
    );
  return { normal: found.normal, bold: existsSync(found.bold[0]) ? found.bold : found.normal };
}

interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

/**
 * Renders a pdfmake document whose default font is `Korean`. pdfmake is one shared instance: fonts
 * and access policies are set right before createPdf, with no await in between, and only the font
 * files may be read (no URLs, no other local files named in a document).
 */
export function renderKoreanPdf(doc: { defaultStyle?: Record<string, unknown> } & Record<string, unknown>): Promise<Buffer> {
  const font = koreanFont();
  const pm = createRequire(import.meta.url)('pdfmake') as PdfMake;
  const allowed = new Set([font.normal[0], font.bold[0]]);
  pm.setFonts({ Korean: { normal: font.normal, bold: font.bold, italics: font.normal, bolditalics: font.bold } });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => allowed.has(p));
  return pm.createPdf({ ...doc, defaultStyle: { ...doc.defaultStyle, font: 'Korean' } }).getBuffer();
}
