import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { outcomeLabels, type SelectionOutcome } from '@stagegate/core/selection/selection-limits';
import type { Db } from '../db/connect.ts';
import { formatSeoul } from '../applications/seoul-time.ts';
import type { ReviewCall } from './review-call.ts';
import { computeRanking } from './ranking-service.ts';

/**
 * Noto Sans CJK (OFL), installed by scripts/install-chromium.sh as a TrueType collection. pdfmake
 * (through fontkit) opens a .ttc when told which face: `[file, postscriptName]` picks the Korean
 * face, and only the glyphs used are embedded (a one-page summary is ~100 KB, not the 16 MB font).
 * STAGEGATE_PDF_FONT may name another .ttf/.otf with Hangul.
 */
const REGULAR = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';

export function hangulFont(env: NodeJS.ProcessEnv = process.env): { normal: string | [string, string]; bold: string | [string, string] } | undefined {
  if (env.STAGEGATE_PDF_FONT && existsSync(env.STAGEGATE_PDF_FONT)) return { normal: env.STAGEGATE_PDF_FONT, bold: env.STAGEGATE_PDF_FONT };
  if (!existsSync(REGULAR)) return undefined;
  return { normal: [REGULAR, 'NotoSansCJKkr-Regular'], bold: existsSync(BOLD) ? [BOLD, 'NotoSansCJKkr-Bold'] : [REGULAR, 'NotoSansCJKkr-Regular'] };
}

export class MissingHangulFont extends Error {
  constructor() {
    super('no Hangul font: install fonts-noto-cjk (scripts/install-chromium.sh) or set STAGEGATE_PDF_FONT to a .ttf/.otf with Korean glyphs');
  }
}

/** The ranking as a Korean one-page summary: method, table, decisions, and when it was made. */
export async function rankingPdf(db: Db, call: ReviewCall): Promise<Buffer> {
  const font = hangulFont();
  if (!font) throw new MissingHangulFont();
  const { rows, method } = await computeRanking(db, call);
  const callName = call.program.calls.find((c) => c.key === call.callKey)?.name.ko ?? call.callKey;
  const header = ['순위', '접수번호', '과제명', '주관기관', ...call.rounds.map((r) => r.name.ko), '종합', '결정'];
  const body = rows.map((r) => [
    r.rank === null ? '-' : String(r.rank),
    r.receiptNo ?? '',
    r.title,
    r.leadName,
    ...call.rounds.map((round) => (r.perRound[round.key] ? r.perRound[round.key]!.score.toFixed(2) : '-')),
    r.score === null ? '-' : r.score.toFixed(2),
    r.decision ? outcomeLabels[r.decision.outcome as SelectionOutcome].ko : '미정',
  ]);
  const doc = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    defaultStyle: { font: 'NotoKR', fontSize: 9 },
    info: { title: `${callName} 선정 평가 결과 요약`, creator: 'Stagegate' },
    content: [
      { text: `${call.program.name.ko}`, fontSize: 11 },
      { text: `${callName} 선정 평가 결과 요약`, bold: true, fontSize: 16, margin: [0, 4, 0, 8] },
      { text: method.ko, margin: [0, 0, 0, 8] },
      {
        table: { headerRows: 1, widths: ['auto', 'auto', '*', 'auto', ...call.rounds.map(() => 'auto'), 'auto', 'auto'], body: [header.map((h) => ({ text: h, bold: true })), ...body] },
        layout: 'lightHorizontalLines',
      },
      ...rows.filter((r) => r.decision).map((r) => ({ text: `${r.receiptNo} ${outcomeLabels[r.decision!.outcome as SelectionOutcome].ko}: ${r.decision!.reason}`, margin: [0, 4, 0, 0] })),
      { text: `과제 수 ${call.program.taskCount}개 · GPU 풀 ${call.program.gpuPools.reduce((s, p) => s + p.gpuCount, 0)}장 · 작성 ${formatSeoul(new Date())} (Asia/Seoul)`, margin: [0, 12, 0, 0], fontSize: 8, color: '#555' },
    ],
  };
  // pdfmake is one shared instance: fonts and policies are set right before createPdf, with no await between
  const pm = createRequire(import.meta.url)('pdfmake') as {
    setFonts(f: unknown): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
    createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
  };
  const allowed = new Set([font.normal, font.bold].map((f) => (Array.isArray(f) ? f[0] : f)));
  pm.setFonts({ NotoKR: { normal: font.normal, bold: font.bold, italics: font.normal, bolditalics: font.bold } });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => allowed.has(p));
  return pm.createPdf(doc).getBuffer();
}
