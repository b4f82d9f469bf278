import { assignIndexed } from '@stagegate/core/review/assign-reviewers';
import { validateAssignmentInstance } from '@stagegate/core/review/assignment-instance';
import { EXIT, type CliCommand } from '../command.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { readJsonFile } from '../files.ts';

const usage = `Usage: stagegate review assign --file INSTANCE.json [--balance] [--json]

Assigns reviewers to proposals with the most total affinity (an exact min-cost flow).
INSTANCE.json: { "proposals": [ { "id", "reviews" } ], "reviewers": [ { "id", "maxLoad", "minLoad"? } ],
                 "affinity": [ [proposalId, reviewerId, score] ], "conflicts": [ [proposalId, reviewerId] ] }
Only pairs listed in "affinity" are candidates; a conflicted pair is never used.

  --balance  spread load: the smallest possible largest load, then rising cost per extra proposal
  --json     print { "feasible", "objective", "assignments" } (or { "feasible": false, "reasons" })

Exit codes: 0 assigned; 2 invalid input or no assignment exists (reasons on stderr).`;

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      file: { type: 'string' },
      balance: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const file = requireFlag(values.file, 'file');
    const input = await readJsonFile(file);

    const { indexed, issues } = validateAssignmentInstance(input);
    if (!indexed) {
      for (const i of issues) io.err(`error: ${file}: ${i.field}: ${i.message.en}`);
      if (values.json) {
        io.out(JSON.stringify({ feasible: false, reasons: issues.map((i) => ({ kind: 'invalid-input', ...i })) }));
      }
      return EXIT.failure;
    }

    const result = assignIndexed(indexed, { balance: values.balance });
    if (!result.feasible) {
      io.err('error: no assignment satisfies the constraints:');
      for (const r of result.reasons) io.err(`  - ${r.message.en}`);
      if (values.json) io.out(JSON.stringify({ feasible: false, reasons: result.reasons }));
      return EXIT.failure;
    }

    if (values.json) {
      io.out(JSON.stringify({ feasible: true, objective: result.objective, assignments: result.assignments }));
      return EXIT.ok;
    }
    const busiest = Math.max(0, ...result.loads);
    io.out(
      [
        `${result.assignments.length} assignments, total affinity ${result.objective}, largest reviewer load ${busiest}`,
        ...result.assignments.map(([p, r]) => `${p}\t${r}`),
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
