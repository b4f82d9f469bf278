import type { ProgramDefinition } from '@stagegate/core/program/definition';

/** What a program list shows of each program (GET /api/v1/programs and `stagegate programs list --json`). */
export function programSummary(row: { slug: string; revision: number; definition: ProgramDefinition }) {
  const d = row.definition;
  return {
    slug: row.slug,
    revision: row.revision,
    name: d.name,
    shortName: d.shortName,
    description: d.description,
    supportTypes: d.supportTypes,
    taskCount: d.taskCount,
    gpuPools: d.gpuPools,
    phases: d.phases,
    calls: d.calls,
  };
}
