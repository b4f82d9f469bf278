import type { ComponentScore } from '@stagegate/core/stage-evaluation/score-stage';
import type { PublicResults } from './views.ts';
import { newWorkbook } from '../documents/workbook.ts';

type Published = Extract<PublicResults, { published: true }>;

const flatten = (cs: ComponentScore[]): ComponentScore[] => cs.flatMap((c) => [c, ...(c.children ? flatten(c.children) : [])]);
const outcomeKo = { continue: '진출', eliminate: '탈락' } as const;
const gateKo = { passed: '통과', failed: '불통과', pending: '심사 중' } as const;

/** The published results as an Excel workbook: a results sheet (Korean headers with English) and the scheme history. */
export async function resultsWorkbook(view: Published): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('결과 Results');
  const columns = flatten(view.standings[0]?.components ?? []);
  ws.columns = [
    { header: '순위 Rank', key: 'rank', width: 10 },
    { header: '팀 Team', key: 'name', width: 28 },
    { header: '주관기관 Lead', key: 'lead', width: 24 },
    ...columns.map((c) => ({ header: `${c.name.ko} (${c.maxPoints})`, key: `c:${c.key}`, width: 16 })),
    { header: '총점 Total', key: 'total', width: 12 },
    ...view.scheme.indices.map((ix) => ({ header: ix.name.ko, key: `i:${ix.key}`, width: 16 })),
    ...view.scheme.gates.map((g) => ({ header: `${g.name.ko} 관문`, key: `g:${g.key}`, width: 14 })),
    { header: '결과 Outcome', key: 'outcome', width: 12 },
    { header: '사유 Reasons', key: 'reasons', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const s of view.standings) {
    const row: Record<string, unknown> = {
      rank: s.rank,
      name: s.name.ko,
      lead: s.leadOrganisationName?.ko ?? '',
      total: s.total,
      outcome: outcomeKo[s.outcome],
      reasons: s.reasons.map((r) => r.ko).join(' / '),
    };
    for (const c of flatten(s.components)) row[`c:${c.key}`] = c.points;
    for (const [k, v] of Object.entries(s.indices)) row[`i:${k}`] = v;
    for (const g of s.gates) row[`g:${g.key}`] = gateKo[g.status];
    ws.addRow(row);
  }
  ws.addRow({});
  ws.addRow({
    name: `평균 Average ${view.average}`,
    lead: `결정일 Decided ${view.decidedOn}`,
    reasons: `평가 기준 ${view.decisionSchemeVersion}판 / scheme version ${view.decisionSchemeVersion}`,
  });
  const hs = wb.addWorksheet('기준 변경 Scheme versions');
  hs.columns = [
    { header: '판 Version', key: 'version', width: 10 },
    { header: '시행 Effective from', key: 'from', width: 26 },
    { header: '사유 Reason', key: 'reason', width: 60 },
    { header: '변경 Changes', key: 'changes', width: 60 },
  ];
  hs.getRow(1).font = { bold: true };
  for (const v of view.versions)
    hs.addRow({
      version: v.version,
      from: v.effectiveFrom,
      reason: v.reason ? `${v.reason.ko} / ${v.reason.en}` : '평가 개시 시 고정 / frozen at opening',
      changes: v.changes.join(', '),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
