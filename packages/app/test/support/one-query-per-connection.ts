import { createRequire } from 'node:module';

/**
 * node-postgres runs one query at a time on a connection; a query sent while another is running is
 * queued today with a deprecation warning and refused from pg 9 on. Reads sent side by side
 * (`Promise.all`) on a transaction's connection did that unnoticed. In the tests such a query fails
 * at once, naming both statements. Pipelined queries (sent together on purpose) are exempt.
 */
interface PgClient {
  pipeline?: boolean;
  _activeQuery?: { text?: string } | null;
  _queryQueue?: unknown[];
}
const pg = createRequire(import.meta.url)('pg') as { Client: { prototype: { query: (this: PgClient, ...args: unknown[]) => unknown } } };
const send = pg.Client.prototype.query;
const textOf = (q: unknown) => (typeof q === 'string' ? q : ((q as { text?: string } | undefined)?.text ?? '')).slice(0, 160);
pg.Client.prototype.query = function (this: PgClient, ...args: unknown[]) {
  const busy = this._activeQuery ?? this._queryQueue?.[0];
  if (!this.pipeline && busy)
    throw new Error(`a query was sent on a connection that is already running one: [${textOf(args[0])}] while [${textOf(busy)}] runs or waits`);
  return send.apply(this, args);
};
