/** A record id as PostgreSQL writes it; checked before it reaches a uuid column, which would fail the query on anything else. */
export const isUuid = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
