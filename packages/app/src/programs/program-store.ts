import { and, eq } from 'drizzle-orm';
import { diffDocuments, type FieldChange } from '@stagegate/core/shared/diff';
import { describeField } from '@stagegate/core/shared/describe-field';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { validateProgram, type ProgramCommitments } from '@stagegate/core/program/validate-program';
import type { Db, Tx } from '../db/connect.ts';
import { getProgram, type ProgramRow } from './program-rows.ts';
import { programs } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { placedGpusOfPool } from '@stagegate/core/resources/partition-usage';
import { listAllocations, lockPoolRow } from '../allocations/allocation-store.ts';
import { loadInventory, loadProgramPools } from '../resources/inventory-store.ts';
import { eligibilityImpact } from './eligibility-impact.ts';
import { particle } from '@stagegate/core/shared/korean-particles';
import type { Committed, Conflict, Invalid, Preview, Unchanged } from '@stagegate/core/shared/mutation';

export type { ProgramRow } from './program-rows.ts';
type VerdictImpact = NonNullable<Awaited<ReturnType<typeof eligibilityImpact>>>;

/** Every mutation answers in one of these shapes: validate → preview → commit. */
export type MutationResult =
  | Invalid
  | (Conflict & { currentRevision: number })
  | Preview<{ changes: FieldChange[]; verdictChanges?: VerdictImpact }>
  | Unchanged
  | Committed<{ changes: FieldChange[]; revision: number }>;

export { getProgram, listPrograms } from './program-rows.ts';

/** What allocations already hold from each pool, and the nodes placed in each: a pool's size lies between. */
export async function programCommitments(db: Db | Tx, existing: ProgramRow): Promise<ProgramCommitments> {
  // one after another: inside a transaction they share one connection
  const allocations = await listAllocations(db, existing.slug);
  const inventory = await loadInventory(db);
  const pools = await loadProgramPools(db);
  const placedGpusByPool = Object.fromEntries(existing.definition.gpuPools.map((p) => [p.key, placedGpusOfPool(inventory, pools, existing.slug, p.key)]));
  return { allocations, previous: existing.definition, placedGpusByPool };
}

/**
 * Adds a program from a definition file, or updates it when the file carries a newer `version`.
 * The same file twice is a no-op, so seeding on every start is safe.
 */
export async function importProgram(
  db: Db,
  actor: Actor | null,
  input: unknown,
  mode: 'preview' | 'commit' = 'commit',
): Promise<MutationResult & { slug?: string }> {
  const { program, issues } = validateProgram(input);
  if (!program) return { status: 'invalid', issues };
  const existing = await getProgram(db, program.slug);
  if (existing && existing.seedVersion >= program.version) return { status: 'unchanged', slug: program.slug };
  const changes = diffDocuments(existing?.definition ?? {}, program);
  if (mode === 'preview') return { status: 'preview', changes, slug: program.slug };
  const revision = await db.transaction(async (tx) => {
    if (existing) {
      const [row] = await tx
        .update(programs)
        .set({ definition: program, seedVersion: program.version, revision: existing.revision + 1, updatedAt: new Date() })
        .where(eq(programs.id, existing.id))
        .returning();
      await appendAudit(tx, actor, { action: 'program.import', objectType: 'program', objectId: program.slug, before: existing.definition, after: program });
      return row!.revision;
    }
    await tx.insert(programs).values({ slug: program.slug, seedVersion: program.version, definition: program });
    await appendAudit(tx, actor, { action: 'program.create', objectType: 'program', objectId: program.slug, before: null, after: program });
    return 1;
  });
  return { status: 'committed', changes, revision, slug: program.slug };
}

/** Each change with the words for its field, read where the field still is (a removed row: before the edit). */
function describeChanges(before: ProgramDefinition, after: ProgramDefinition, changes: FieldChange[]) {
  return changes.map((c) => ({ ...c, label: describeField(c.after === null ? before : after, c.field) }));
}

/** The operator's edit: refused with field-named issues, previewed as a diff, or committed with an audit row. */
export async function updateProgram(
  db: Db,
  actor: Actor,
  slug: string,
  definition: unknown,
  opts: { expectedRevision: number; mode: 'preview' | 'commit'; reason?: string },
): Promise<MutationResult> {
  const existing = await getProgram(db, slug);
  if (!existing)
    return { status: 'invalid', issues: [{ field: 'slug', message: { ko: `사업 "${slug}"${particle(slug, '이/가')} 없습니다`, en: `no program "${slug}"` } }] };
  const { program, issues } = validateProgram(definition, await programCommitments(db, existing));
  if (!program) return { status: 'invalid', issues };
  if (program.slug !== slug) {
    return { status: 'invalid', issues: [{ field: 'slug', message: { ko: '사업 식별자(slug)는 바꿀 수 없습니다', en: 'the slug cannot be changed' } }] };
  }
  const changes = diffDocuments(existing.definition, program).filter((c) => c.field !== 'version');
  if (changes.length === 0) return { status: 'unchanged' };
  if (existing.revision !== opts.expectedRevision) {
    return {
      status: 'conflict',
      message: `the program was changed by someone else (revision ${existing.revision}, you edited ${opts.expectedRevision})`,
      currentRevision: existing.revision,
    };
  }
  // an edit of the rules shows whom it would turn away or let in before it is saved
  if (opts.mode === 'preview') {
    const impact = await eligibilityImpact(
      db,
      existing.definition,
      program,
      changes.map((c) => c.field),
    );
    const described = describeChanges(existing.definition, program, changes);
    return impact ? { status: 'preview', changes: described, verdictChanges: impact } : { status: 'preview', changes: described };
  }
  return db.transaction(async (tx): Promise<MutationResult> => {
    // under the pool row's lock (allocations take it too) the pools are judged again against the
    // allocations as they are now: a shrink racing an allocation cannot oversubscribe the pool
    const locked = await lockPoolRow(tx, slug);
    if (!locked || locked.revision !== opts.expectedRevision) {
      return { status: 'conflict', message: 'the program was changed by someone else meanwhile', currentRevision: locked?.revision ?? existing.revision };
    }
    const again = validateProgram(definition, await programCommitments(tx, locked));
    if (!again.program) return { status: 'invalid', issues: again.issues };
    // the revision is checked again in the UPDATE itself, so two concurrent editors cannot both win
    const [row] = await tx
      .update(programs)
      .set({ definition: { ...program, version: existing.definition.version } as ProgramDefinition, revision: existing.revision + 1, updatedAt: new Date() })
      .where(and(eq(programs.id, existing.id), eq(programs.revision, opts.expectedRevision)))
      .returning();
    if (!row) return { status: 'conflict', message: 'the program was changed by someone else meanwhile', currentRevision: existing.revision + 1 };
    await appendAudit(tx, actor, {
      action: 'program.update',
      objectType: 'program',
      objectId: slug,
      before: existing.definition,
      after: row!.definition,
      reason: opts.reason ?? null,
    });
    return { status: 'committed', changes, revision: row.revision };
  });
}
