import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { describeDifference, firstDifference } from '@stagegate/core/results-bundle/first-difference';
import type { Db, Tx } from '../db/connect.ts';
import { resultBundles } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { databaseNow } from '../db/clock.ts';
import { assembleBundle } from './assemble-bundle.ts';
import { auditHeadForBundle } from './audit-head.ts';
import { bundleSource, type BundleSubject } from './bundle-sources.ts';
import { officeSigningKey } from './signing-key.ts';

export type ResultBundleRow = typeof resultBundles.$inferSelect;

const RESULT_FILE = 'result.json';

function sameContent(a: Record<string, string>, b: Record<string, string>): boolean {
  const skip = (k: string) => k === 'manifest.json' || k === 'manifest.sig' || k === 'README.txt';
  const ka = Object.keys(a)
    .filter((k) => !skip(k))
    .sort();
  const kb = Object.keys(b)
    .filter((k) => !skip(k))
    .sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/**
 * Publishes the signed bundle of a result inside the publishing transaction, after its audit row,
 * so the manifest carries the head that includes the publication. Publishing the same content
 * again is a no-op; different content becomes a new edition that names the one it replaces and
 * why (the operator's reason, else the first figure that changed). Writes its own audit row with
 * the manifest's SHA-256, tying the log to the bundle.
 */
export async function publishResultBundle(tx: Tx | Db, actor: Actor | null, subject: BundleSubject, reason?: string): Promise<ResultBundleRow | undefined> {
  const source = await bundleSource(tx, subject);
  if (!source) return undefined;
  const [previous] = await tx
    .select()
    .from(resultBundles)
    .where(and(eq(resultBundles.kind, subject.kind), eq(resultBundles.subjectId, subject.id)))
    .orderBy(desc(resultBundles.edition))
    .limit(1);
  if (previous && sameContent(previous.files, source.built.files)) return previous;
  let replaces = null;
  if (previous) {
    const d = firstDifference(JSON.parse(previous.files[RESULT_FILE] ?? 'null'), JSON.parse(source.built.files[RESULT_FILE] ?? 'null'));
    const why =
      reason?.trim() ||
      (d ? `corrected result: ${describeDifference(d).replace('published', 'was').replace('recomputed', 'now')}` : 'corrected inputs; the result is unchanged');
    replaces = { bundleId: previous.id, manifestSha256: previous.manifestSha256, reason: why };
  }
  const key = await officeSigningKey();
  const now = await databaseNow(tx as Db);
  const bundleId = randomUUID();
  const head = await auditHeadForBundle(tx);
  const assembled = assembleBundle(
    source.built,
    {
      bundleId,
      kind: subject.kind,
      program: source.program,
      subject: { id: subject.id, name: source.name },
      publishedAt: now.toISOString(),
      auditHead: head,
      replaces,
    },
    key,
  );
  const [row] = await tx
    .insert(resultBundles)
    .values({
      id: bundleId,
      programSlug: source.program,
      kind: subject.kind,
      subjectId: subject.id,
      edition: (previous?.edition ?? 0) + 1,
      computationVersion: source.built.computationVersion,
      manifest: assembled.manifestText,
      manifestSha256: assembled.manifestSha256,
      signature: assembled.signature,
      keyId: key.keyId,
      files: assembled.files,
      auditSeq: head.seq,
      replacesId: previous?.id ?? null,
      replaceReason: replaces?.reason ?? null,
      publishedAt: now,
      publishedBy: actor?.id ?? null,
    })
    .returning();
  await appendAudit(tx, actor, {
    action: 'resultBundle.publish',
    objectType: 'resultBundle',
    objectId: bundleId,
    after: {
      kind: subject.kind,
      subject: subject.id,
      edition: row!.edition,
      manifestSha256: assembled.manifestSha256,
      keyId: key.keyId,
      auditHead: head,
      replaces: replaces?.bundleId ?? null,
    },
    reason: replaces?.reason ?? null,
  });
  return row;
}
