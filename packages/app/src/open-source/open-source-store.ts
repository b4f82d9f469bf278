import { asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { releaseInput } from '@stagegate/core/contract/open-source';
import { checkLicence, type LicenceCheck } from '@stagegate/core/open-source/licence-check';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { openSourcePolicies, openSourceReleases, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { getProgram } from '../programs/program-store.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

export type ReleaseRow = typeof openSourceReleases.$inferSelect;

/** Whether the program requires an OSI-approved licence; a program without a recorded policy does not. */
export async function requiresOpenSource(db: Db, programSlug: string): Promise<boolean> {
  const [row] = await db.select().from(openSourcePolicies).where(eq(openSourcePolicies.programSlug, programSlug));
  return row?.requiresOpenSource ?? false;
}

export async function setOpenSourcePolicy(
  db: Db,
  actor: Actor | null,
  programSlug: string,
  requires: boolean,
  reason?: string,
): Promise<{ status: 'invalid'; issues: FieldIssue[] } | { status: 'unchanged' | 'committed' }> {
  if (!(await getProgram(db, programSlug)))
    return {
      status: 'invalid',
      issues: [{ field: 'program', message: { ko: `사업 "${programSlug}"${particle(programSlug, '이/가')} 없습니다`, en: `no program "${programSlug}"` } }],
    };
  const [before] = await db.select().from(openSourcePolicies).where(eq(openSourcePolicies.programSlug, programSlug));
  if (before && before.requiresOpenSource === requires) return { status: 'unchanged' };
  await db.transaction(async (tx) => {
    await tx
      .insert(openSourcePolicies)
      .values({ programSlug, requiresOpenSource: requires, updatedBy: actor?.id ?? null })
      .onConflictDoUpdate({
        target: openSourcePolicies.programSlug,
        set: { requiresOpenSource: requires, updatedBy: actor?.id ?? null, updatedAt: new Date() },
      });
    await appendAudit(tx, actor, {
      action: 'open-source.policy',
      objectType: 'program',
      objectId: programSlug,
      before: before ? { requiresOpenSource: before.requiresOpenSource } : null,
      after: { requiresOpenSource: requires },
      reason: reason ?? null,
    });
  });
  return { status: 'committed' };
}

/**
 * Records a release; its licence is checked against the OSI-approved list at once and the finding
 * is kept with it. A failing licence is recorded all the same (the public record shows it failing);
 * hiding a release would be worse than showing its licence problem.
 */
export async function recordRelease(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof releaseInput>,
): Promise<{ status: 'invalid'; issues: FieldIssue[] } | { status: 'committed'; release: ReleaseRow }> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, input.taskId));
  if (!task) return { status: 'invalid', issues: [{ field: 'taskId', message: { ko: '과제가 없습니다', en: 'no such task' } }] };
  const check = checkLicence(input.licence, await requiresOpenSource(db, task.programSlug));
  if (check.verdict === 'invalid') return { status: 'invalid', issues: [{ field: 'licence', message: check.message }] };
  const release = await db.transaction(async (tx) => {
    const { weights = true, code = false, data = false, ...release } = input;
    const [row] = await tx
      .insert(openSourceReleases)
      .values({
        ...release,
        weightsReleased: weights,
        codeReleased: code,
        dataReleased: data,
        programSlug: task.programSlug,
        licenceCheck: check,
        createdBy: actor?.id ?? null,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'open-source.release',
      objectType: 'task',
      objectId: task.id,
      after: { ...input, taskKey: task.key, verdict: check.verdict },
    });
    return row!;
  });
  return { status: 'committed', release };
}

export interface PublicRelease {
  id: string;
  program: string;
  programName: LocalizedText | null;
  taskKey: string;
  taskName: LocalizedText;
  modelName: string;
  url: string;
  licence: string;
  releasedOn: string;
  /** what it makes public */
  openness: { weights: boolean; code: boolean; data: boolean };
  check: LicenceCheck;
}

/**
 * The public registry. The licence is re-checked against today's list and the program's current
 * rule, so a release recorded before the rule changed shows how it stands now.
 */
export async function listReleases(db: Db, programSlug?: string): Promise<PublicRelease[]> {
  const rows = await db
    .select({ r: openSourceReleases, key: tasks.key, name: tasks.name })
    .from(openSourceReleases)
    .innerJoin(tasks, eq(tasks.id, openSourceReleases.taskId))
    .where(programSlug ? eq(openSourceReleases.programSlug, programSlug) : undefined)
    .orderBy(desc(openSourceReleases.releasedOn), asc(tasks.key));
  const rules = new Map<string, { requires: boolean; name: LocalizedText | null }>();
  for (const slug of new Set(rows.map((r) => r.r.programSlug))) {
    const program = await getProgram(db, slug);
    rules.set(slug, { requires: await requiresOpenSource(db, slug), name: program?.definition.shortName ?? null });
  }
  return rows.map(({ r, key, name }) => ({
    id: r.id,
    program: r.programSlug,
    programName: rules.get(r.programSlug)!.name,
    taskKey: key,
    taskName: name,
    modelName: r.modelName,
    url: r.url,
    licence: r.licence,
    releasedOn: r.releasedOn,
    openness: { weights: r.weightsReleased, code: r.codeReleased, data: r.dataReleased },
    check: checkLicence(r.licence, rules.get(r.programSlug)!.requires),
  }));
}

export async function listPolicies(db: Db) {
  return db
    .select({ program: openSourcePolicies.programSlug, requiresOpenSource: openSourcePolicies.requiresOpenSource })
    .from(openSourcePolicies)
    .orderBy(asc(openSourcePolicies.programSlug));
}
