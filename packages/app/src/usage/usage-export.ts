import { and, eq, sql } from 'drizzle-orm';
import { taskEntitlement } from '@stagegate/core/allocation/entitlement';
import { gpuHours } from '@stagegate/core/usage/units';
import type { Db } from '../db/connect.ts';
import { tasks, usageDaily } from '../db/schema/index.ts';
import { listAllocations } from '../allocations/allocation-store.ts';
import { newWorkbook } from '../documents/workbook.ts';

export const usageExportHeaders = ['과제 키', '과제명', '월', '사용 GPU시간', '배정 GPU시간', '사용률(%)', '사용자 수', '작업 수(일별 합)'] as const;

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
};

/** Usage per task and Seoul month as .xlsx with Korean headers; entitlement from the allocations of that month. */
export async function usageWorkbook(db: Db, programSlug: string): Promise<Buffer> {
  const rows = await db
    .select({
      taskId: usageDaily.taskId,
      month: sql<string>`to_char(${usageDaily.day}, 'YYYY-MM')`,
      gpuSeconds: sql<string>`sum(${usageDaily.gpuSeconds})`,
      users: sql<string>`count(distinct ${usageDaily.clusterUsername})`,
      jobs: sql<string>`sum(${usageDaily.jobs})`,
      key: tasks.key,
      name: tasks.name,
    })
    .from(usageDaily)
    .innerJoin(tasks, eq(tasks.id, usageDaily.taskId))
    .where(and(eq(tasks.programSlug, programSlug)))
    .groupBy(usageDaily.taskId, sql`to_char(${usageDaily.day}, 'YYYY-MM')`, tasks.key, tasks.name)
    .orderBy(tasks.key, sql`2`);
  const allocationList = await listAllocations(db, programSlug);
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('과제별 월 사용량');
  ws.addRow([...usageExportHeaders]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const used = Number(r.gpuSeconds);
    const entitled = taskEntitlement(allocationList, r.taskId!, { start: `${r.month}-01`, end: monthEnd(r.month) }).gpuSeconds;
    ws.addRow([
      r.key,
      r.name.ko,
      r.month,
      gpuHours(used, 1),
      gpuHours(entitled, 1),
      entitled > 0 ? Math.round((used / entitled) * 1000) / 10 : null,
      Number(r.users),
      Number(r.jobs),
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = [14, 40, 10, 16, 16, 12, 10, 16][i]));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
