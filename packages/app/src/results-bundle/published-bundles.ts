import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { finalEvaluations, resultBundles, reviewCallConfig, stageEvaluations } from '../db/schema/index.ts';
import type { ResultBundleRow } from './publish-bundle.ts';

const MAX_LISTED = 500;

/** Whether the result a bundle is of is published now (a selection can be withdrawn from publication). */
async function publishedSubjects(db: Db, rows: readonly ResultBundleRow[]): Promise<Set<string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.subjectId))];
  const out = new Set<string>();
  const stage = ids('stage-decision').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (stage.length)
    for (const s of await db
      .select({ id: stageEvaluations.id })
      .from(stageEvaluations)
      .where(and(inArray(stageEvaluations.id, stage), eq(stageEvaluations.status, 'published'))))
      out.add(`stage-decision|${s.id}`);
  const fin = ids('final-evaluation').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (fin.length)
    for (const f of await db
      .select({ id: finalEvaluations.id })
      .from(finalEvaluations)
      .where(and(inArray(finalEvaluations.id, fin), inArray(finalEvaluations.status, ['designated', 'published']))))
      out.add(`final-evaluation|${f.id}`);
  if (ids('selection').length) {
    for (const c of await db
      .select({ p: reviewCallConfig.programSlug, c: reviewCallConfig.callKey })
      .from(reviewCallConfig)
      .where(isNotNull(reviewCallConfig.publishedAt)))
      out.add(`selection|${c.p}/${c.c}`);
  }
  return out;
}

/** Every edition of the bundles of published results, newest first, optionally of one program. */
export async function listPublishedBundles(db: Db, programSlug?: string): Promise<ResultBundleRow[]> {
  const rows = await db
    .select()
    .from(resultBundles)
    .where(programSlug ? eq(resultBundles.programSlug, programSlug) : undefined)
    .orderBy(desc(resultBundles.publishedAt), desc(resultBundles.edition))
    .limit(MAX_LISTED);
  const live = await publishedSubjects(db, rows);
  return rows.filter((r) => live.has(`${r.kind}|${r.subjectId}`));
}

export async function getPublishedBundle(db: Db, id: string): Promise<ResultBundleRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(resultBundles).where(eq(resultBundles.id, id));
  if (!row) return undefined;
  return (await publishedSubjects(db, [row])).has(`${row.kind}|${row.subjectId}`) ? row : undefined;
}
