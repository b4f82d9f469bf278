import type { ComponentScore } from '@stagegate/core/stage-evaluation/score-stage';
import { SEOUL_TIME_ZONE } from '@stagegate/core/shared/seoul-time';
import type { PublicResults } from './views.ts';
import { renderKoreanPdf } from '../documents/korean-pdf.ts';

type Published = Extract<PublicResults, { published: true }>;

const flatten = (cs: ComponentScore[], depth = 0): (ComponentScore & { depth: number })[] =>
  cs.flatMap((c) => [{ ...c, depth }, ...(c.children ? flatten(c.children, depth + 1) : [])]);
const outcomeKo = { continue: '진출', eliminate: '탈락' } as const;
const gateKo = { passed: '통과', failed: '불통과', pending: '심사 중' } as const;
const fmtInstant = (iso: string) => new Date(iso).toLocaleString('ko-KR', { timeZone: SEOUL_TIME_ZONE, hour12: false });

/** The Korean PDF report of published stage results: leaderboard, outcomes with reasons, criteria and their history. */
export async function resultsReportPdf(view: Published): Promise<Buffer> {
  const top = view.scheme.components;
  const leaderboard = {
    table: {
      headerRows: 1,
      widths: ['auto', '*', ...top.map(() => 'auto'), 'auto', 'auto', 'auto'],
      body: [
        ['순위', '팀', ...top.map((c) => `${c.name.ko}\n(${c.points}점)`), '총점', '관문', '결과'].map((text) => ({ text, bold: true, fillColor: '#eef2f7' })),
        ...view.standings.map((s) => [
          String(s.rank),
          `${s.name.ko}${s.leadOrganisationName ? `\n${s.leadOrganisationName.ko}` : ''}`,
          ...top.map((c) => String(s.components.find((x) => x.key === c.key)?.points ?? '')),
          { text: String(s.total), bold: true },
          s.gates.map((g) => `${g.name.ko}: ${gateKo[g.status]}`).join('\n') || '—',
          { text: outcomeKo[s.outcome], bold: true, color: s.outcome === 'eliminate' ? '#b42318' : '#067647' },
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
  };
  const detail = view.standings.map((s) => ({
    stack: [
      { text: `${s.rank}위 ${s.name.ko} — ${s.total}점 (${outcomeKo[s.outcome]})`, bold: true, margin: [0, 8, 0, 2] },
      ...flatten(s.components).map((c) => ({ text: `${'   '.repeat(c.depth)}${c.name.ko}: ${c.points} / ${c.maxPoints}`, fontSize: 9 })),
      ...view.scheme.indices.map((ix) => ({ text: `${ix.name.ko}: ${s.indices[ix.key] ?? ''}`, fontSize: 9 })),
      ...s.reasons.map((r) => ({ text: `사유: ${r.ko}`, fontSize: 9 })),
    ],
  }));
  const versions = view.versions.map((v) => ({
    text: `${v.version}판 — ${fmtInstant(v.effectiveFrom)} 시행: ${v.reason ? v.reason.ko : '평가 개시 시 고정'}${v.changes.length ? ` (변경: ${v.changes.join(', ')})` : ''}`,
    fontSize: 9,
  }));
  const doc = {
    info: { title: `${view.evaluation.name.ko} 결과`, creator: 'Stagegate' },
    defaultStyle: { fontSize: 10 },
    pageMargins: [40, 48, 40, 48],
    content: [
      { text: view.evaluation.programName.ko, fontSize: 11, color: '#555' },
      { text: `${view.evaluation.name.ko} 결과 보고서`, fontSize: 18, bold: true, margin: [0, 2, 0, 6] },
      {
        text: `평가 기간 ${view.evaluation.periodStart} – ${view.evaluation.periodEnd} · 결정일 ${view.decidedOn} · 평가 기준 ${view.decisionSchemeVersion}판 · 평균 ${view.average}점`,
        margin: [0, 0, 0, 10],
      },
      leaderboard,
      ...(view.departureReason ? [{ text: `제안과 다른 결정의 사유: ${view.departureReason}`, margin: [0, 8, 0, 0] }] : []),
      { text: '팀별 세부 점수와 사유', fontSize: 13, bold: true, margin: [0, 14, 0, 4] },
      ...detail,
      { text: '평가 기준 판 이력', fontSize: 13, bold: true, margin: [0, 14, 0, 4] },
      ...versions,
      { text: `이의 신청 마감: ${view.appealClosesAt ? fmtInstant(view.appealClosesAt) : '—'} (한국 시간)`, margin: [0, 10, 0, 0], fontSize: 9 },
    ],
  };
  return renderKoreanPdf(doc);
}
