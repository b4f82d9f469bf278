import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { auditHead, auditLog } from '../db/schema/index.ts';
import { auditHeadMac, auditRowHash, GENESIS_HASH, sameHex, type AuditFields } from './audit-hash.ts';
import { auditKeyringOf, type AuditKeyring } from './audit-key.ts';
import type { WitnessedHead } from './audit-witness.ts';

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** rows written before the chain was keyed (plain SHA-256, anchored by the first keyed row) */
  unkeyedRows: number;
  keyId: string;
  keySource: AuditKeyring['source'];
  /** the head recorded outside the database that the log must still reach */
  witness: { seq: number; at: string; where: string } | null;
  problems: { seq: number | null; problem: string }[];
}

const PAGE = 5000;

/**
 * Recomputes the keyed chain and checks it against the signed head in the database and the
 * witness outside it: an edited row, a deleted row (gap or broken link), a trimmed tail, a
 * truncated log and a chain recomputed without the key all show up.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const keyring = auditKeyringOf(db);
  const { key } = keyring;
  const problems: AuditVerification['problems'] = [];
  const witness = await keyring.witness.read();
  const witnessOk = witness !== null && sameHex(witness.mac, auditHeadMac(key, 'witness', witness));
  if (witness && !witnessOk)
    problems.push({
      seq: null,
      problem: `the head recorded outside the database (${keyring.witness.where}) is not signed by this key (altered, or the key changed)`,
    });

  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 'head'));
  const headSigned = !!head && sameHex(head.mac, auditHeadMac(key, 'head', head));
  if (head && head.mac && !headSigned) {
    problems.push({
      seq: head.seq,
      problem:
        head.keyId && head.keyId !== keyring.keyId
          ? `the audit head was signed with another key (key id ${head.keyId}; this process has ${keyring.keyId})`
          : "the audit head's signature does not match (the head was rewritten outside Stagegate)",
    });
  }
  // Where keyed rows begin: from the signed head, else the signed witness, else assume all keyed.
  const keyedFrom = headSigned ? head!.keyedFrom : witnessOk ? witness!.keyedFrom : head && !head.mac ? head.keyedFrom : 1;
  if (head && !head.mac && head.seq >= keyedFrom)
    problems.push({ seq: head.seq, problem: 'the audit head is not signed although keyed rows were written (the head was rewritten outside Stagegate)' });

  let prevHash = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  let unkeyed = 0;
  let hashAtWitness: string | null = null;
  for (let from = 0; ;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${from}`)
      .orderBy(asc(auditLog.seq))
      .limit(PAGE);
    for (const r of page) {
      count++;
      if (r.seq !== expected) problems.push({ seq: r.seq, problem: `rows ${expected}..${r.seq - 1} are missing` });
      if (r.prevHash !== prevHash) problems.push({ seq: r.seq, problem: 'does not link to the previous row (a row before it was changed or deleted)' });
      const { prevHash: _p, hash, ...fields } = r;
      const keyed = r.seq >= keyedFrom;
      if (!keyed) unkeyed++;
      const recomputed = auditRowHash(r.prevHash, fields as AuditFields, keyed ? key : undefined);
      if (recomputed !== hash) {
        problems.push({
          seq: r.seq,
          problem: keyed
            ? 'content does not match its hash (the row was edited, or its hash recomputed without the audit key)'
            : 'content does not match its hash (the row was edited)',
        });
      }
      if (witness && r.seq === witness.seq) hashAtWitness = hash;
      prevHash = hash;
      expected = r.seq + 1;
      from = r.seq;
    }
    if (page.length < PAGE) break;
  }
  const lastSeq = expected - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    problems.push({ seq: head.seq, problem: `the log ends at ${lastSeq} but ${head.seq} rows were written (rows at the end were deleted or changed)` });
  }
  if (!head) problems.push({ seq: null, problem: 'the audit head is missing (the audit tables were emptied or altered outside Stagegate)' });
  if (witnessOk && witness!.seq > 0) {
    if (lastSeq < witness!.seq) {
      problems.push({
        seq: witness!.seq,
        problem: `the log ends at ${lastSeq} but ${witness!.seq} rows had been written by ${witness!.at} (rows at the end were deleted, or the log was truncated)`,
      });
    } else if (hashAtWitness !== witness!.hash) {
      problems.push({
        seq: witness!.seq,
        problem: `row ${witness!.seq} is not the row recorded outside the database at ${witness!.at} (the log was rewritten)`,
      });
    }
  }
  const ok = problems.length === 0;
  if (ok && head) await writeWitness(keyring, head);
  return {
    ok,
    rows: count,
    unkeyedRows: unkeyed,
    keyId: keyring.keyId,
    keySource: keyring.source,
    witness: witnessOk ? { seq: witness!.seq, at: witness!.at, where: keyring.witness.where } : null,
    problems,
  };
}

async function writeWitness(keyring: AuditKeyring, head: { seq: number; hash: string; keyedFrom: number }): Promise<void> {
  const w: Omit<WitnessedHead, 'mac'> = { seq: head.seq, hash: head.hash, keyedFrom: head.keyedFrom, at: new Date().toISOString() };
  await keyring.witness.write({ ...w, mac: auditHeadMac(keyring.key, 'witness', w) });
}

/**
 * Moves the witness forward to the committed head, cheaply (two small reads): only when the head
 * is signed by our key and the row the witness names is still there unchanged. Anything else is
 * left for `audit verify` to report, and the old witness is kept as the evidence.
 */
export async function checkpointAudit(db: Db): Promise<boolean> {
  const keyring = auditKeyringOf(db);
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 'head'));
  if (!head || !sameHex(head.mac, auditHeadMac(keyring.key, 'head', head))) return false;
  const witness = await keyring.witness.read();
  if (witness) {
    if (!sameHex(witness.mac, auditHeadMac(keyring.key, 'witness', witness))) return false;
    if (witness.seq === head.seq && witness.hash === head.hash) return true;
    if (witness.seq > head.seq) return false;
    if (witness.seq > 0) {
      const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, witness.seq));
      if (row?.hash !== witness.hash) return false;
    }
  }
  await writeWitness(keyring, head);
  return true;
}
