import type { Db, Tx } from './connect.ts';

/** What a Drizzle prepared query holds of its session, replaced for each use. */
interface SessionParts {
  client: unknown;
  logger: unknown;
}

/**
 * A named statement on the hot path, built by Drizzle once per database instead of on every request.
 * Drizzle builds a prepared query's SQL text and result mapping each time `.prepare()` is called —
 * in a deadline surge that building was a fifth of the server's time per submission — while the
 * statement itself only needs its text and parameters. The built query is kept (one per Drizzle
 * instance: PGlite and node-postgres build different ones) and run on the connection and with the
 * logger of whoever calls it now, a transaction or the pool, so it takes part in the caller's
 * transaction and is counted like every other statement.
 */
export function preparedOnce<Q extends object>(build: (on: Db | Tx) => Q): (on: Db | Tx) => Q {
  const built = new WeakMap<object, Q>();
  return (on) => {
    const dialect = (on as unknown as { dialect: object }).dialect;
    let query = built.get(dialect);
    if (!query) {
      query = build(on);
      built.set(dialect, query);
    }
    const { client, logger } = (on as unknown as { session: SessionParts }).session;
    return Object.create(query, { client: { value: client }, logger: { value: logger } }) as Q;
  };
}
