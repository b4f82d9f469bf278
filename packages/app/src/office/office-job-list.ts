import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { jobs, type JobStatus } from '../db/schema/index.ts';
import { jobView } from '../jobs/job-queue.ts';
import { offsetOf, type Paging } from './office-paging.ts';

export interface OfficeJobFilters {
  state?: JobStatus;
  kind?: string;
}

const where = (f: OfficeJobFilters): SQL | undefined => and(f.state ? eq(jobs.status, f.state) : undefined, f.kind ? eq(jobs.kind, f.kind) : undefined);

/** Durable jobs for the office, newest first, by state and kind, one page at a time. */
export async function officeJobs(db: Db, f: OfficeJobFilters, paging: Paging) {
  const [rows, [n]] = await Promise.all([
    db.select().from(jobs).where(where(f)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(paging.pageSize).offset(offsetOf(paging)),
    db.select({ n: count() }).from(jobs).where(where(f)),
  ]);
  return { rows: rows.map(jobView), total: Number(n?.n ?? 0), ...paging };
}
