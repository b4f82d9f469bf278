import { and, asc, eq, inArray } from 'drizzle-orm';
import { reviewerCodes } from '@stagegate/core/selection/reviewer-code';
import { outcomeLabels, type SelectionOutcome } from '@stagegate/core/selection/selection-limits';
import type { Db } from '../db/connect.ts';
import { reviewerPool, reviewSheets } from '../db/schema/index.ts';
import { formatSeoul } from '@stagegate/core/shared/seoul-time';
import { submittedApplications, type ReviewCall } from './review-call.ts';
import { computeRanking } from './ranking-service.ts';
import { countedSheets } from './ranking-service.ts';
import { newWorkbook } from '../documents/workbook.ts';

/**
 * Every score of the call in one workbook: a sheet per round with one row per (application,
 * reviewer) and a column per criterion and comment, reviewers as codes R01, R02, … (pool order),
 * and the ranking. Drafts are listed as such; only submitted, unconflicted sheets count.
 */
export async function scoresWorkbook(db: Db, call: ReviewCall): Promise<Buffer> {
  const pool = await db
    .select({ id: reviewerPool.id })
    .from(reviewerPool)
    .where(and(eq(reviewerPool.programSlug, call.programSlug), eq(reviewerPool.callKey, call.callKey)))
    .orderBy(asc(reviewerPool.seq));
  const codes = reviewerCodes(pool.map((p) => p.id));
  const apps = await submittedApplications(db, call.programSlug, call.callKey);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const roundIds = call.rounds.map((r) => r.id);
  const sheets = roundIds.length ? await db.select().from(reviewSheets).where(inArray(reviewSheets.roundId, roundIds)) : [];
  const counted = new Set((await countedSheets(db, call)).map((s) => `${s.roundId}|${s.applicationId}|${s.reviewerId}`));
  const groups = call.program.selectionScheme.groups;

  const wb = await newWorkbook();
  for (const round of call.rounds) {
    const ws = wb.addWorksheet(`${round.name.ko}`.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    ws.addRow([
      '접수번호',
      '과제명',
      '평가위원',
      ...groups.map((g) => `${g.name.ko} (${g.points})`),
      '합계',
      '상태',
      '집계 반영',
      ...groups.map((g) => `${g.name.ko} 의견`),
    ]);
    ws.getRow(1).font = { bold: true };
    const own = sheets
      .filter((s) => s.roundId === round.id)
      .sort(
        (a, b) =>
          String(appById.get(a.applicationId)?.receiptNo).localeCompare(String(appById.get(b.applicationId)?.receiptNo)) ||
          (codes.get(a.reviewerId) ?? '').localeCompare(codes.get(b.reviewerId) ?? ''),
      );
    for (const s of own) {
      const app = appById.get(s.applicationId);
      ws.addRow([
        app?.receiptNo ?? s.applicationId,
        app?.proposal.title ?? '',
        codes.get(s.reviewerId) ?? '?',
        ...groups.map((g) => s.scores[g.key]?.score ?? null),
        s.total,
        s.status === 'submitted' ? '제출' : '작성 중',
        counted.has(`${s.roundId}|${s.applicationId}|${s.reviewerId}`) ? '예' : '아니오',
        ...groups.map((g) => s.scores[g.key]?.comment ?? ''),
      ]);
    }
    ws.columns.forEach((c, i) => (c.width = i < 2 ? [16, 36][i] : i < 3 + groups.length + 3 ? 12 : 40));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const { rows, method } = await computeRanking(db, call);
  const ws = wb.addWorksheet('순위');
  ws.addRow(['순위', '접수번호', '과제명', '주관기관', ...call.rounds.map((r) => r.name.ko), '종합 점수', '요청 GPU', '결정', '사유', '동점 처리']);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.rank,
      r.receiptNo,
      r.title,
      r.leadName,
      ...call.rounds.map((round) => r.perRound[round.key]?.score ?? null),
      r.score,
      r.requestedGpus,
      r.decision ? outcomeLabels[r.decision.outcome as SelectionOutcome].ko : '',
      r.decision?.reason ?? '',
      r.tieBreak?.ko ?? '',
    ]);
  }
  ws.addRow([]);
  ws.addRow([method.ko]);
  ws.addRow([`작성: ${formatSeoul(new Date())} (Asia/Seoul)`]);
  ws.columns.forEach((c, i) => (c.width = [6, 16, 36, 24][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
