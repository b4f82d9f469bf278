import { and, count, eq, ilike, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { OfficeSort, SortOrder } from '@stagegate/core/contract/office';
import type { Db } from '../db/connect.ts';
import { jobs, type JobStatus } from '../db/schema/index.ts';
import { jobView } from '../jobs/job-queue.ts';
import { escapeLike } from '../db/like-pattern.ts';
import { offsetOf, ordered, type Paging } from './office-paging.ts';

export interface OfficeJobFilters {
  q?: string;
  state?: JobStatus;
  kind?: string;
}

/**
 * The words an office searches a job by: its id (as the CLI and a job's link give it), the worker's
 * error, and what it was started on — the payload's values (a file name, a model, a suite, a
 * checkpoint path), not its key names, which every job of a kind shares.
 */
function matching(text: string): SQL {
  const pattern = `%${escapeLike(text)}%`;
  return or(
    ilike(sql`${jobs.id}::text`, pattern),
    ilike(jobs.error, pattern),
    // every string in the payload, however deep (an upload's file name sits under its source)
    sql`exists (select 1 from jsonb_path_query(${jobs.payload}, 'strict $.** ? (@.type() == "string")') as v where v #>> '{}' ilike ${pattern})`,
  )!;
}

function where(f: OfficeJobFilters): SQL | undefined {
  const text = f.q?.trim();
  return and(text ? matching(text) : undefined, f.state ? eq(jobs.status, f.state) : undefined, f.kind ? eq(jobs.kind, f.kind) : undefined);
}

export interface JobSorting {
  sort: OfficeSort<'jobs'>;
  order: SortOrder;
}
// the columns the office sorts by; the name comes from the contract's whitelist
const sortColumns: Record<OfficeSort<'jobs'>, SQLWrapper> = { createdAt: jobs.createdAt, state: jobs.status, kind: jobs.kind, finishedAt: jobs.finishedAt };

/** Durable jobs for the office, searched, by state and kind, sorted (newest first unless asked), one page at a time. */
export async function officeJobs(db: Db, f: OfficeJobFilters, paging: Paging, by: JobSorting = { sort: 'createdAt', order: 'desc' }) {
  const [rows, [n]] = await Promise.all([
    // the id, in the same direction, keeps pages stable where the column ties
    db
      .select()
      .from(jobs)
      .where(where(f))
      .orderBy(ordered(sortColumns[by.sort], by.order), ordered(jobs.id, by.order))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(jobs).where(where(f)),
  ]);
  return { rows: rows.map(jobView), total: Number(n?.n ?? 0), ...paging };
}
