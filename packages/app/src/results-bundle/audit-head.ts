import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { auditHead } from '../db/schema/index.ts';
import { GENESIS_HASH } from '../audit/audit-hash.ts';

/**
 * The audit log's head as a bundle records it. The only place result bundles read the audit log,
 * so a change to how the chain is kept (keyed hashes, a signed head) changes this function alone.
 */
export async function auditHeadForBundle(db: Db | Tx): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 'head'));
  return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}
