import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  benchmark as benchmarkSchema,
  referenceModel as referenceModelSchema,
  type Benchmark,
  type ReferenceModel,
} from '@stagegate/core/evaluation/benchmark';
import { localizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { benchmarks, benchmarkSuites, referenceModels, referenceScores } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';

export type BenchmarkRow = typeof benchmarks.$inferSelect;
export type SuiteRow = typeof benchmarkSuites.$inferSelect;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** A program's benchmark catalog file (seed/benchmarks/<program>.json). */
export const benchmarkCatalog = z.object({
  program: z.string().min(1),
  /** demo data: invented or unofficial figures, flagged in the UI */
  demo: z.boolean().default(false),
  benchmarks: z.array(benchmarkSchema.extend({ label: localizedText })).min(1),
  suites: z.array(
    z.object({
      key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
      name: localizedText,
      evaluationDate: isoDate,
      benchmarks: z.array(z.string().min(1)).min(1),
      categoryWeights: z.record(z.string(), z.number().nonnegative()),
    }),
  ),
  referenceModels: z.array(referenceModelSchema),
});

/** Adds what the catalog has and the database lacks (idempotent: existing rows are left as they are). */
export async function importCatalog(db: Db, input: unknown): Promise<{ benchmarks: number; suites: number; references: number }> {
  const parsed = benchmarkCatalog.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`benchmark catalog: ${i.path.join('.')}: ${i.message}`);
  }
  const cat = parsed.data;
  const names = new Set(cat.benchmarks.map((b) => b.name));
  for (const s of cat.suites)
    for (const b of s.benchmarks) if (!names.has(b)) throw new Error(`benchmark catalog: suite ${s.key} lists unknown benchmark "${b}"`);
  return db.transaction(async (tx) => {
    const added = { benchmarks: 0, suites: 0, references: 0 };
    for (const b of cat.benchmarks) {
      const rows = await tx
        .insert(benchmarks)
        .values({
          programSlug: cat.program,
          name: b.name,
          label: b.label,
          category: b.category,
          metric: b.metric,
          metricFilter: b.filter ?? null,
          higherIsBetter: b.higherIsBetter,
          chance: b.chance,
          itemCount: b.itemCount ?? null,
          demo: cat.demo,
        })
        .onConflictDoNothing()
        .returning({ id: benchmarks.id });
      added.benchmarks += rows.length;
    }
    for (const s of cat.suites) {
      const rows = await tx
        .insert(benchmarkSuites)
        .values({
          programSlug: cat.program,
          key: s.key,
          name: s.name,
          evaluationDate: s.evaluationDate,
          benchmarkNames: s.benchmarks,
          categoryWeights: s.categoryWeights,
          demo: cat.demo,
        })
        .onConflictDoNothing()
        .returning({ id: benchmarkSuites.id });
      added.suites += rows.length;
    }
    for (const m of cat.referenceModels) {
      const rows = await tx
        .insert(referenceModels)
        .values({ name: m.name, vendor: m.vendor, releaseDate: m.releaseDate, demo: cat.demo })
        .onConflictDoNothing()
        .returning({ id: referenceModels.id });
      if (!rows.length) continue;
      added.references++;
      if (m.scores.length) {
        await tx
          .insert(referenceScores)
          .values(
            m.scores.map((s) => ({ referenceModelId: rows[0]!.id, benchmarkName: s.benchmark, score: s.score, stderr: s.stderr ?? null, source: s.source })),
          );
      }
    }
    if (added.benchmarks + added.suites + added.references > 0) {
      await appendAudit(tx, null, { action: 'evaluation.catalog.import', objectType: 'program', objectId: cat.program, after: added });
    }
    return added;
  });
}

export async function listBenchmarks(db: Db | Tx, programSlug: string): Promise<BenchmarkRow[]> {
  return db.select().from(benchmarks).where(eq(benchmarks.programSlug, programSlug)).orderBy(asc(benchmarks.category), asc(benchmarks.name));
}

export async function listSuites(db: Db | Tx, programSlug: string): Promise<SuiteRow[]> {
  return db.select().from(benchmarkSuites).where(eq(benchmarkSuites.programSlug, programSlug)).orderBy(asc(benchmarkSuites.evaluationDate));
}

export async function getSuite(db: Db | Tx, programSlug: string, key: string): Promise<SuiteRow | undefined> {
  const [row] = await db
    .select()
    .from(benchmarkSuites)
    .where(and(eq(benchmarkSuites.programSlug, programSlug), eq(benchmarkSuites.key, key)));
  return row;
}

export type StoredReferenceModel = ReferenceModel & { demo: boolean };

/** Every reference model with its scores, in the core's shape. */
export async function listReferenceModels(db: Db | Tx): Promise<StoredReferenceModel[]> {
  const models = await db.select().from(referenceModels).orderBy(asc(referenceModels.releaseDate), asc(referenceModels.name));
  if (!models.length) return [];
  const scores = await db
    .select()
    .from(referenceScores)
    .where(
      inArray(
        referenceScores.referenceModelId,
        models.map((m) => m.id),
      ),
    );
  return models.map((m) => ({
    name: m.name,
    vendor: m.vendor,
    releaseDate: m.releaseDate,
    demo: m.demo,
    scores: scores
      .filter((s) => s.referenceModelId === m.id)
      .map((s) => ({ benchmark: s.benchmarkName, score: s.score, ...(s.stderr === null ? {} : { stderr: s.stderr }), source: s.source })),
  }));
}

export function toCoreBenchmark(b: BenchmarkRow): Benchmark {
  return {
    name: b.name,
    category: b.category,
    metric: b.metric,
    ...(b.metricFilter ? { filter: b.metricFilter } : {}),
    higherIsBetter: b.higherIsBetter,
    chance: b.chance,
    ...(b.itemCount ? { itemCount: b.itemCount } : {}),
  };
}
