import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { evaluationRuns, taskMembers, tasks, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { importCatalog, getSuite, listBenchmarks, listReferenceModels, type BenchmarkRow } from '../evaluation/catalog.ts';
import { compareRun, planRun, storeRun } from '../evaluation/results-import.ts';
import { createRng } from '@stagegate/core/shared/random';

const catalogFile = fileURLToPath(new URL('../../seed/benchmarks/k-ai.json', import.meta.url));

/** K-AI's five selected teams as demo tasks (invented names), each with a declared target model. */
export const demoKaiTasks = [
  { key: 'kai-01', ko: '데모 정예팀 가', en: 'Demo team A', leadKo: '가나다AI', leadEn: 'Ganada AI', target: 'Cirrus-Max' },
  { key: 'kai-02', ko: '데모 정예팀 나', en: 'Demo team B', leadKo: '한빛대학교', leadEn: 'Hanbit University', target: 'Halcyon-2.5' },
  { key: 'kai-03', ko: '데모 정예팀 다', en: 'Demo team C', leadKo: '미래의료AI', leadEn: 'Mirae Medical AI', target: 'Aurora-3' },
  { key: 'kai-04', ko: '데모 정예팀 라', en: 'Demo team D', leadKo: '대한전자', leadEn: 'Daehan Electronics', target: 'Cirrus-Max' },
  { key: 'kai-05', ko: '데모 정예팀 마', en: 'Demo team E', leadKo: '새솔연구소', leadEn: 'Saesol Institute', target: 'Halcyon-2.5' },
] as const;

/**
 * lm-evaluation-harness results a team might hand in: each benchmark at `level` times the
 * frontier score (with some spread), standard errors from the item counts. Used for the seeded
 * demo run and by tests that need a plausible file.
 */
export function demoHarnessResults(
  benchmarks: readonly BenchmarkRow[],
  frontier: ReadonlyMap<string, number>,
  opts: { level: number; seed: number; model: string; limit?: number },
): string {
  const rng = createRng(opts.seed);
  const results: Record<string, Record<string, unknown>> = {};
  const nSamples: Record<string, { original: number; effective: number }> = {};
  const higher: Record<string, Record<string, boolean>> = {};
  for (const b of benchmarks) {
    const ref = frontier.get(b.name);
    if (ref === undefined) continue;
    const n = b.itemCount ?? 1000;
    const value = Math.min(0.99, Math.max(b.chance + 0.01, b.chance + (ref - b.chance) * opts.level * (1 + 0.02 * rng.normal())));
    const p = Math.round(value * n) / n;
    results[b.name] = { alias: b.name, [`${b.metric},none`]: p, [`${b.metric}_stderr,none`]: Math.sqrt((p * (1 - p)) / (n - 1)) };
    nSamples[b.name] = { original: n, effective: opts.limit ? Math.min(n, opts.limit) : n };
    higher[b.name] = { [b.metric]: true };
  }
  return JSON.stringify(
    { results, 'n-samples': nSamples, higher_is_better: higher, model_name: opts.model, versions: Object.fromEntries(Object.keys(results).map((k) => [k, 1])) },
    null,
    2,
  );
}

/** Best score per benchmark among the reference models that count on a suite's date (for building demo files). */
export async function demoFrontier(ctx: AppContext, evaluationDate: string, months = 6): Promise<Map<string, number>> {
  const { frontierReference } = await import('@stagegate/core/evaluation/benchmark');
  const { toCoreBenchmark } = await import('../evaluation/catalog.ts');
  const benchmarks = await listBenchmarks(ctx.db, 'k-ai');
  const f = frontierReference(await listReferenceModels(ctx.db), benchmarks.map(toCoreBenchmark), evaluationDate, months);
  return new Map([...f].map(([k, v]) => [k, v.score]));
}

/**
 * Demo data for benchmark evaluation: K-AI's benchmark catalog and reference models (demo
 * figures), the five teams as tasks when the program has none yet, the demo applicant as a member
 * of the first, and one imported run for it so its results page is not empty. Idempotent.
 */
export async function seedDemoEvaluation(ctx: AppContext): Promise<void> {
  await importCatalog(ctx.db, JSON.parse(await readFile(catalogFile, 'utf8')));
  const existing = await ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai'));
  if (existing.length === 0) {
    await ctx.db.transaction(async (tx) => {
      for (const t of demoKaiTasks) {
        const [row] = await tx
          .insert(tasks)
          .values({
            programSlug: 'k-ai',
            key: t.key,
            name: { ko: t.ko, en: t.en },
            leadOrganisationName: { ko: t.leadKo, en: t.leadEn },
            targetModel: t.target,
          })
          .onConflictDoNothing()
          .returning();
        if (row)
          await appendAudit(tx, null, {
            action: 'task.create',
            objectType: 'task',
            objectId: row.id,
            after: { key: t.key, programSlug: 'k-ai', targetModel: t.target, demo: true },
          });
      }
    });
  }
  const kaiTasks = await ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).orderBy(asc(tasks.key));
  // demo teams declared no target model yet (another seed may have created them): give each one
  const targets = demoKaiTasks.map((t) => t.target);
  for (const [i, t] of kaiTasks.entries()) {
    if (t.targetModel) continue;
    const targetModel = targets[i % targets.length]!;
    await ctx.db.transaction(async (tx) => {
      await tx.update(tasks).set({ targetModel, updatedAt: new Date() }).where(eq(tasks.id, t.id));
      await appendAudit(tx, null, {
        action: 'task.target-model.set',
        objectType: 'task',
        objectId: t.id,
        before: { targetModel: null },
        after: { targetModel, demo: true },
      });
    });
    t.targetModel = targetModel;
  }
  const [applicant] = await ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  let first = kaiTasks[0];
  if (!first) return;
  if (applicant) {
    const mine = await ctx.db.select({ taskId: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, applicant.id));
    const own = kaiTasks.find((t) => mine.some((m) => m.taskId === t.id));
    if (own) first = own;
    else {
      const target = first;
      await ctx.db.transaction(async (tx) => {
        await tx.insert(taskMembers).values({ taskId: target.id, clusterUsername: 'demo-applicant', userId: applicant.id, role: 'lead' }).onConflictDoNothing();
        await appendAudit(tx, null, {
          action: 'task.member.add',
          objectType: 'task',
          objectId: target.id,
          after: { userId: applicant.id, clusterUsername: 'demo-applicant' },
        });
      });
    }
  }
  const suite = await getSuite(ctx.db, 'k-ai', 'stage-1');
  if (!suite) return;
  const [run] = await ctx.db.select({ id: evaluationRuns.id }).from(evaluationRuns).where(eq(evaluationRuns.taskId, first.id)).limit(1);
  if (run) return;
  const benchmarks = await listBenchmarks(ctx.db, 'k-ai');
  const text = demoHarnessResults(benchmarks, await demoFrontier(ctx, suite.evaluationDate), { level: 0.97, seed: 11, model: 'demo-team-a-32b' });
  const { plan, issues } = planRun(suite, benchmarks, { results: { fileName: 'results_2026-01-06T09-00-00.000000.json', text }, samples: [] });
  if (!plan) throw new Error(`demo run: ${issues.map((i) => i.message.en).join('; ')}`);
  await storeRun(ctx.db, null, first, plan, await compareRun(ctx.db, first, plan, benchmarks));
}
