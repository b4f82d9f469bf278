import type { Db } from '../../src/db/connect.ts';

/**
 * Counts the statements Drizzle sends, on either driver: every query goes through the session's
 * logger, and a transaction's session is built from the same options, so one counter sees both.
 */
export function countQueries(db: Db): { readonly count: number; reset(): void } {
  let n = 0;
  const logger = { logQuery: () => void n++ };
  const session = (db as unknown as { session: { logger: unknown; options: { logger?: unknown } } }).session;
  session.logger = logger;
  session.options.logger = logger;
  return {
    get count() {
      return n;
    },
    reset: () => void (n = 0),
  };
}
