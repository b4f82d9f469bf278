import type { AppContext } from '../context.ts';
import { seedPrograms } from './seed-programs.ts';
import { demoAccounts, ensureAccount } from './demo-accounts.ts';
import { seedDemoApplications } from './demo-applications.ts';
import { seedDemoReview } from './demo-review.ts';
import { seedDemoSelectionRounds } from './demo-selection-rounds.ts';
import { seedDemoStageEvaluation } from './demo-stage-evaluation.ts';
import { seedDemoEvaluation } from './demo-evaluation.ts';
import { seedDemoArena } from './demo-arena.ts';
import { seedDemoAllocations } from './demo-allocations.ts';
import { seedDemoResources } from './demo-resources.ts';

export interface SeedReport {
  programs: { slug: string; status: string }[];
  accounts: number;
}

/** Loads the versioned program seed files (idempotent) and, for a demo, the demo accounts. */
export async function seed(ctx: AppContext, opts: { demo: boolean }): Promise<SeedReport> {
  const report: SeedReport = { programs: await seedPrograms(ctx), accounts: 0 };
  // the demo accounts share their published password: one hash for all of them (context.ts)
  if (opts.demo) await ctx.sharingPasswordHashes(() => seedDemo(ctx, report));
  return report;
}

async function seedDemo(ctx: AppContext, report: SeedReport): Promise<void> {
  for (const a of demoAccounts) await ensureAccount(ctx, a);
  report.accounts = demoAccounts.length;
  await seedDemoApplications(ctx);
  await seedDemoReview(ctx);
  await seedDemoSelectionRounds(ctx);
  await seedDemoStageEvaluation(ctx);
  await seedDemoEvaluation(ctx);
  await seedDemoResources(ctx);
  await seedDemoAllocations(ctx);
  // after the allocations seed, so the specialized-fm tasks it creates are the ones evaluated
  await seedDemoArena(ctx);
}
