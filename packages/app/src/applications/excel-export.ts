import { domainLabels } from '@stagegate/core/application/proposal';
import { statusLabels } from '@stagegate/core/application/application-status';
import type { CallTableRow } from './call-table.ts';
import { formatSeoul } from '@stagegate/core/shared/seoul-time';
import { newWorkbook } from '../documents/workbook.ts';

export const exportHeaders = ['접수번호', '과제명', '주관기관', '참여기관 수', '분야', '자격 판정', '상태', '제출 시각 (Asia/Seoul)'] as const;

function verdictLabel(r: CallTableRow): string {
  const base = r.eligible === null ? '판정 불가' : r.eligible ? '적격' : '부적격';
  return r.overridden ? `${base} (운영자 조정)` : base;
}

/** The office's table as an .xlsx with Korean headers, one row per application. */
export async function applicationsWorkbook(rows: CallTableRow[], sheetName: string): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'applications');
  ws.addRow([...exportHeaders]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.receiptNo ?? '',
      r.title ?? '',
      r.leadName ?? '',
      r.participantCount,
      r.domain ? domainLabels[r.domain].ko : '',
      verdictLabel(r),
      statusLabels[r.status].ko,
      r.submittedAt ? formatSeoul(new Date(r.submittedAt)) : '',
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = [16, 40, 24, 10, 10, 18, 10, 22][i]));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
