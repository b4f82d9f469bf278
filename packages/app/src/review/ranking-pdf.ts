import { outcomeLabels, type SelectionOutcome } from '@stagegate/core/selection/selection-limits';
import type { Db } from '../db/connect.ts';
import { formatSeoul } from '@stagegate/core/shared/seoul-time';
import { callSlots, type ReviewCall } from './review-call.ts';
import { computeRanking } from './ranking-service.ts';
import { renderKoreanPdf } from '../documents/korean-pdf.ts';

/** The ranking as a Korean one-page summary: method, table, decisions, and when it was made. */
export async function rankingPdf(db: Db, call: ReviewCall): Promise<Buffer> {
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
    defaultStyle: { fontSize: 9 },
    info: { title: `${callName} 선정 평가 결과 요약`, creator: 'Stagegate' },
    content: [
      { text: `${call.program.name.ko}`, fontSize: 11 },
      { text: `${callName} 선정 평가 결과 요약`, bold: true, fontSize: 16, margin: [0, 4, 0, 8] },
      { text: method.ko, margin: [0, 0, 0, 8] },
      {
        table: {
          headerRows: 1,
          widths: ['auto', 'auto', '*', 'auto', ...call.rounds.map(() => 'auto'), 'auto', 'auto'],
          body: [header.map((h) => ({ text: h, bold: true })), ...body],
        },
        layout: 'lightHorizontalLines',
      },
      ...rows
        .filter((r) => r.decision)
        .map((r) => ({ text: `${r.receiptNo} ${outcomeLabels[r.decision!.outcome as SelectionOutcome].ko}: ${r.decision!.reason}`, margin: [0, 4, 0, 0] })),
      {
        text: `과제 자리 ${callSlots(call).count}개 · GPU 풀 ${call.program.gpuPools.reduce((s, p) => s + p.gpuCount, 0)}장 · 작성 ${formatSeoul(new Date())} (Asia/Seoul)`,
        margin: [0, 12, 0, 0],
        fontSize: 8,
        color: '#555',
      },
    ],
  };
  return renderKoreanPdf(doc);
}
