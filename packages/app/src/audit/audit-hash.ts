import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AuditFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so jsonb's reordering of keys never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * With a key: HMAC-SHA-256, so the chain cannot be recomputed by someone without the key. Without
 * one: the plain SHA-256 of rows written before the chain was keyed (kept so old logs still verify).
 */
export function auditRowHash(prevHash: string, row: AuditFields, key?: Buffer): string {
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(prevHash).update('\n').update(body).digest('hex');
}

/** Signs the head (last seq and hash, and where keyed rows begin) kept beside or outside the log. */
export function auditHeadMac(key: Buffer, kind: 'head' | 'witness', head: { seq: number; hash: string; keyedFrom: number; at?: string }): string {
  return createHmac('sha256', key)
    .update(`stagegate audit ${kind}\n${head.seq}\n${head.hash}\n${head.keyedFrom}\n${head.at ?? ''}`)
    .digest('hex');
}

export function sameHex(a: string | null | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
