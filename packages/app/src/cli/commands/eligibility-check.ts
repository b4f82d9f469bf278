import type { CliCommand, CliIO } from '../command.ts';
import { CliError, EXIT } from '../command.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { readJsonFile } from '../files.ts';
import { readSeedPrograms } from '../../programs/seed-catalog.ts';
import { parseConsortium } from '@stagegate/core/eligibility/consortium';
import { checkEligibility } from '@stagegate/core/eligibility/check-eligibility';
import type { Verdict } from '@stagegate/core/eligibility/verdict';
import type { ProgramDefinition } from '@stagegate/core/program/definition';

const usage = `stagegate eligibility check --program SLUG --file APPLICATION.json [--json]

Checks a consortium against every eligibility rule of a program. Facts typed into a file are
unverified: a pass that rests on them is reported as pending verification. A consortium may list
at most the program's participant cap (200 unless its data says otherwise).
APPLICATION.json: { "lead": { "name", "type", "country", "registrationNo"? },
                    "participants": [ { "name", "type", "country", "registrationNo"?, "role"? } ] }
--json prints { "eligible", "rules": [ { "id", "passed", "message": { "ko", "en" }, "members" } ] }.
Exit 0 eligible, 1 not eligible, 2 invalid input or unknown program.`;

/** The CLI's contract: exactly these keys, in this order. */
function verdictJson(v: Verdict) {
  return {
    eligible: v.eligible,
    rules: v.rules.map((r) => ({ id: r.id, passed: r.passed, message: { ko: r.message.ko, en: r.message.en }, members: [...r.members] })),
  };
}

/** Terminal columns a string takes: Hangul and other East Asian wide characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function printTable(program: ProgramDefinition, v: Verdict, io: CliIO) {
  const failed = v.rules.filter((r) => !r.passed).length;
  io.out(
    `${program.name.en} (${program.slug}): ${v.eligible ? 'ELIGIBLE' : 'NOT ELIGIBLE'}` + ` — ${v.rules.length - failed} of ${v.rules.length} rules passed`,
  );
  const rows = v.rules.map((r) => [r.id, r.passed ? 'pass' : 'FAIL', r.members.join(', ') || '-', r.message.en]);
  const head = ['RULE', 'RESULT', 'MEMBERS', 'DETAIL'];
  const width = [0, 1, 2].map((c) => Math.max(displayWidth(head[c]!), ...rows.map((row) => displayWidth(row[c]!))));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 3 ? pad(cell, width[c]!) : cell)).join('  ');
  io.out(line(head));
  for (const row of rows) io.out(line(row));
  // a file's facts are typed, never verified by the office; the verdict says what rests on them
  if (v.pendingVerification) io.out(`\nNote: ${v.pendingVerification.message.en}`);
}

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { program: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } });
    const slug = requireFlag(values.program, 'program');
    const file = requireFlag(values.file, 'file');

    // the seed files answer for now; the database copy of a program will take precedence later
    const programs = await readSeedPrograms();
    const program = programs.find((p) => p.slug === slug);
    if (!program) throw new CliError(`unknown program "${slug}"; known programs: ${programs.map((p) => p.slug).join(', ')}`);

    // the program's cap is applied before any member is read, so a 100k-member file answers at once
    const { consortium, issues } = parseConsortium(await readJsonFile(file), { maxParticipants: program.eligibility.maxParticipants });
    if (!consortium) throw new CliError(`${file}: invalid application:\n${issues.map((i) => `  ${i.field}: ${i.message.en}`).join('\n')}`);

    // other applications of the call live in the database, which this file-based check does not read
    const verdict = checkEligibility(program.eligibility, consortium, {});
    if (values.json) io.out(JSON.stringify(verdictJson(verdict), null, 2));
    else printTable(program, verdict, io);
    return verdict.eligible ? EXIT.ok : EXIT.negative;
  },
};
