import { asc, eq, inArray } from 'drizzle-orm';
import { opennessFlag, teamShareWon, type OpennessDeclaration, type OpennessFlag } from '@stagegate/core/program/cost-share';
import { checkLicence } from '@stagegate/core/open-source/licence-check';
import { proposalDraft } from '@stagegate/core/application/proposal';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { applications, openSourceReleases, tasks } from '../db/schema/index.ts';
import { getProgram, listPrograms } from '../programs/program-store.ts';

/** One task's declared openness against what the registry recorded, for the office. */
export interface TaskOpenness {
  program: string;
  programName: LocalizedText;
  taskKey: string;
  taskName: LocalizedText;
  declaration: OpennessDeclaration & { tierName: LocalizedText; teamShareWon: number; source: 'task' | 'proposal' };
  releases: { modelName: string; releasedOn: string; weights: boolean; code: boolean; data: boolean; osiLicence: boolean }[];
  /** null while the releases reach the declared tier (or none is recorded yet) */
  flag: OpennessFlag | null;
}

/**
 * Every task of a program with openness tiers that declared one: the task's own declaration (the
 * office registered it), else the proposal it was selected from; its releases judged for openness,
 * the licence against the OSI list whatever the program's licence rule; flagged when the most open
 * release is below the declared tier, with the difference in won (core's rule).
 */
export async function listOpenness(db: Db, programSlug?: string): Promise<TaskOpenness[] | undefined> {
  if (programSlug === undefined) {
    const all: TaskOpenness[] = [];
    for (const p of await listPrograms(db)) all.push(...((await listOpenness(db, p.slug)) ?? []));
    return all;
  }
  const program = await getProgram(db, programSlug);
  if (!program) return undefined;
  const scheme = program.definition.costShare;
  if (!scheme) return [];
  const rows = await db.select().from(tasks).where(eq(tasks.programSlug, programSlug)).orderBy(asc(tasks.key));
  const appIds = rows.map((t) => t.applicationId).filter((x): x is string => !!x);
  const proposals = new Map(
    appIds.length
      ? (await db.select({ id: applications.id, proposal: applications.proposal }).from(applications).where(inArray(applications.id, appIds))).map((a) => [
          a.id,
          a.proposal,
        ])
      : [],
  );
  const releases = rows.length
    ? await db
        .select()
        .from(openSourceReleases)
        .where(
          inArray(
            openSourceReleases.taskId,
            rows.map((t) => t.id),
          ),
        )
        .orderBy(asc(openSourceReleases.releasedOn))
    : [];
  const out: TaskOpenness[] = [];
  for (const task of rows) {
    const declared = declarationOf(task, task.applicationId ? proposals.get(task.applicationId) : undefined);
    const tier = declared && scheme.tiers.find((t) => t.key === declared.opennessTier);
    if (!declared || !tier) continue;
    const theirs = releases
      .filter((r) => r.taskId === task.id)
      .map((r) => ({
        modelName: r.modelName,
        releasedOn: r.releasedOn,
        weights: r.weightsReleased,
        code: r.codeReleased,
        data: r.dataReleased,
        osiLicence: checkLicence(r.licence, true).osiApproved,
      }));
    out.push({
      program: programSlug,
      programName: program.definition.shortName,
      taskKey: task.key,
      taskName: task.name,
      declaration: { ...declared, tierName: tier.name, teamShareWon: teamShareWon(declared.budgetWon, tier) },
      releases: theirs,
      flag: opennessFlag(scheme, declared, theirs),
    });
  }
  return out;
}

function declarationOf(task: typeof tasks.$inferSelect, proposal: unknown): (OpennessDeclaration & { source: 'task' | 'proposal' }) | null {
  if (task.opennessTier && task.budgetWon !== null) return { opennessTier: task.opennessTier, budgetWon: task.budgetWon, source: 'task' };
  const parsed = proposalDraft.safeParse(proposal);
  if (!parsed.success || parsed.data.opennessTier === undefined || parsed.data.budgetWon === undefined) return null;
  return { opennessTier: parsed.data.opennessTier, budgetWon: parsed.data.budgetWon, source: 'proposal' };
}
