import { z } from 'zod';

/** The most rows one page of an office list holds, whatever the client asks. */
export const MAX_PAGE_SIZE = 100;

export const pageQuery = {
  page: z.coerce.number().int().min(1, 'page starts at 1').max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `pageSize is at most ${MAX_PAGE_SIZE}`).default(25),
};

export interface Paging {
  page: number;
  pageSize: number;
}

export const offsetOf = (p: Paging) => (p.page - 1) * p.pageSize;

/** A page of rows with the total the filters match, so the office sees "31–60 of 412". */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}
