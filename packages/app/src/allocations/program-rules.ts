import type { AllocationRules } from '@stagegate/core/allocation/allocation';
import { poolsOfProgram } from '@stagegate/core/allocation/resources';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import type { Db, Tx } from '../db/connect.ts';
import { getProgram } from '../programs/program-store.ts';

export interface ProgramAllocationRules extends AllocationRules {
  program: ProgramDefinition;
}

/** The pools and phases a program's allocations are checked against, from its definition. */
export async function loadProgramRules(db: Db | Tx, slug: string): Promise<ProgramAllocationRules | undefined> {
  const row = await getProgram(db, slug);
  if (!row) return undefined;
  return { program: row.definition, pools: poolsOfProgram(row.definition), phases: row.definition.phases };
}
