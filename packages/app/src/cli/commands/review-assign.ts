import { assignIndexed } from '@stagegate/core/review/assign-reviewers';
import { validateAssignmentInstance } from '@stagegate/core/review/assignment-instance';
import { ImportError } from '../../adapters/import-error.ts';
import { buildAssignmentInstance, type ImportedScores } from '../../review/affinity-import/build-instance.ts';
import { parseOpenReviewCsv, type PairValue } from '../../review/affinity-import/openreview-csv.ts';
import { parsePreflib, preflibAffinities } from '../../review/affinity-import/preflib.ts';
import { CliError, EXIT, type CliCommand } from '../command.ts';
import { parseFlags } from '../args.ts';
import { readJsonFile, readTextFile } from '../files.ts';

const usage = `Usage: stagegate review assign --file INSTANCE.json [--balance] [--json]
       stagegate review assign --affinities FILE [--format openreview|preflib] [--bids FILE] [--bid-weight W]
                               [--conflicts FILE] --reviews-per-paper N --max-papers N [--min-papers N] [--balance] [--json]

Assigns reviewers to proposals with the most total affinity (an exact min-cost flow).
INSTANCE.json: { "proposals": [ { "id", "reviews" } ], "reviewers": [ { "id", "maxLoad", "minLoad"? } ],
                 "affinity": [ [proposalId, reviewerId, score] ], "conflicts": [ [proposalId, reviewerId] ] }
Only pairs listed in "affinity" are candidates; a conflicted pair is never used.

Conference exports instead of an instance:
  --affinities FILE   openreview: CSV rows paper,reviewer,score (openreview-expertise output; a header
                      naming paper_id/reviewer_id/score is optional); preflib: .soc/.soi/.toc/.toi, each
                      voter a reviewer ranking papers (top tier 1, each lower tier 1/T less, unranked: no pair)
  --format F          openreview or preflib (default: from the file extension)
  --bids FILE         OpenReview bids paper,reviewer,bid ("Very High" 1, "High" 0.5, "Neutral" 0, "Low" -0.5,
                      "Very Low" -1, or a number), added with --bid-weight (default 1), as OpenReview's matcher does
  --conflicts FILE    pairs paper,reviewer[,-1] never to assign
  --reviews-per-paper N, --max-papers N, --min-papers N   reviews each paper needs; load per reviewer

  --balance  spread load: the smallest possible largest load, then rising cost per extra proposal
  --json     print { "feasible", "objective", "assignments" } (or { "feasible": false, "reasons" })

Exit codes: 0 assigned; 2 invalid input or no assignment exists (reasons on stderr).`;

const count = (v: string | undefined, flag: string, required: boolean): number | undefined => {
  if (v === undefined) {
    if (required) throw new CliError(`missing required option --${flag} (with --affinities)`);
    return undefined;
  }
  if (!/^\d+$/.test(v)) throw new CliError(`--${flag} must be a whole number, not "${v}"`);
  return Number(v);
};

async function importedInstance(values: Record<string, string | boolean | undefined>): Promise<unknown> {
  const file = values.affinities as string;
  const format = (values.format as string | undefined) ?? (/\.(soc|soi|toc|toi)$/i.test(file) ? 'preflib' : 'openreview');
  if (format !== 'openreview' && format !== 'preflib') throw new CliError(`--format must be openreview or preflib, not "${format}"`);
  const text = await readTextFile(file);
  const preflib = format === 'preflib' ? parsePreflib(text, file) : null;
  const scores: ImportedScores[] = [
    preflib
      ? { source: file, weight: 1, pairs: preflibAffinities(preflib), papers: preflib.papers }
      : { source: file, weight: 1, pairs: parseOpenReviewCsv(text, file).map((r) => [r.paper, r.reviewer, r.value]) },
  ];
  if (values.bids) {
    const w = Number(values['bid-weight'] ?? 1);
    if (!Number.isFinite(w)) throw new CliError(`--bid-weight must be a number, not "${String(values['bid-weight'])}"`);
    const bids = parseOpenReviewCsv(await readTextFile(values.bids as string), values.bids as string);
    scores.push({ source: values.bids as string, weight: w, pairs: bids.map((r) => [r.paper, r.reviewer, r.value]) });
  }
  const conflicts: PairValue[] = values.conflicts ? parseOpenReviewCsv(await readTextFile(values.conflicts as string), values.conflicts as string, false) : [];
  return buildAssignmentInstance(scores, conflicts, {
    reviewsPerPaper: count(values['reviews-per-paper'] as string | undefined, 'reviews-per-paper', true)!,
    maxPapers: count(values['max-papers'] as string | undefined, 'max-papers', true)!,
    minPapers: count(values['min-papers'] as string | undefined, 'min-papers', false),
  });
}

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      file: { type: 'string' },
      affinities: { type: 'string' },
      format: { type: 'string' },
      bids: { type: 'string' },
      'bid-weight': { type: 'string' },
      conflicts: { type: 'string' },
      'reviews-per-paper': { type: 'string' },
      'max-papers': { type: 'string' },
      'min-papers': { type: 'string' },
      balance: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    if (!values.file === !values.affinities) throw new CliError('give either --file INSTANCE.json or --affinities FILE');
    const file = values.file ?? values.affinities!;
    let input: unknown;
    try {
      input = values.file ? await readJsonFile(values.file) : await importedInstance(values);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      io.err(`error: ${e.message}`);
      return EXIT.failure;
    }

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
