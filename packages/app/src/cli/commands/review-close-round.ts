import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { user } from '../../db/schema/index.ts';
import { isRole, type Actor } from '../../auth/actor.ts';
import { canReview } from '../../policies/review-policy.ts';
import { loadReviewCall } from '../../review/review-call.ts';
import { closeSelectionRound, type CloseRoundOutcome, type ShortlistLine } from '../../review/round-service.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { CliError, EXIT, type CliCommand, type CliIO } from '../command.ts';
import { withAppContext } from '../context.ts';

const usage = `Usage: stagegate review close-round --program SLUG --call CALL --round ROUNDKEY --as EMAIL
                                   [--tie-pass APP,...] [--reason TEXT] [--yes] [--json]

Closes a selection round with its shortlist, as the review desk does. Without --yes it only shows
the preview: who passes, who leaves, and any tie (at a top-N cut, or exactly at a threshold).
With --yes and --reason it commits: the result is permanent and audited, the next round opens to
those who passed, and every applicant is told. A round with a missing review cannot close (a
missing score is not zero).

  --as EMAIL       the operator account acting (recorded in the audit log)
  --tie-pass IDS   under an "office decides" rule: the tied applications (ids, comma-separated) that
                   take the places left
  --reason TEXT    why the round closes (required with --yes; up to 4000 characters)
  --yes            commit (without it nothing changes)
  --json           print the preview or result as JSON

Exit codes: 0 preview shown or committed; 2 bad options, an unknown program, call, round or
account, or the round cannot close (the reasons on stderr).`;

const MAX_REASON = 4000;
const MAX_TIE_PASSES = 500;

export interface CloseRoundOptions {
  program: string;
  call: string;
  round: string;
  as: string;
  tiePasses?: string[];
  reason?: string;
  yes: boolean;
  json: boolean;
}

/** Reads and bounds the flags before any database is opened: a commit without a reason is refused here. */
export function closeRoundOptions(argv: string[]): CloseRoundOptions {
  const { values } = parseFlags(argv, {
    program: { type: 'string' },
    call: { type: 'string' },
    round: { type: 'string' },
    as: { type: 'string' },
    'tie-pass': { type: 'string' },
    reason: { type: 'string' },
    yes: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const reason = values.reason?.trim();
  if (values.yes && !reason) throw new CliError('--reason: closing a round is permanent and tells every applicant; give the reason with --yes');
  if (reason && reason.length > MAX_REASON) throw new CliError(`--reason holds at most ${MAX_REASON} characters`);
  const tiePasses = values['tie-pass']
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (tiePasses && tiePasses.length > MAX_TIE_PASSES) throw new CliError(`--tie-pass names at most ${MAX_TIE_PASSES} applications`);
  return {
    program: requireFlag(values.program, 'program'),
    call: requireFlag(values.call, 'call'),
    round: requireFlag(values.round, 'round'),
    as: requireFlag(values.as, 'as'),
    ...(tiePasses?.length ? { tiePasses } : {}),
    ...(reason ? { reason } : {}),
    yes: values.yes,
    json: values.json,
  };
}

const line = (l: ShortlistLine) => `  ${l.rank}. ${l.label}  ${l.score}${l.tied ? '  (tied)' : ''}  [${l.applicationId}]`;

function printOutcome(res: Exclude<CloseRoundOutcome, { status: 'invalid' }>, io: CliIO) {
  io.out(`${res.round.name.en} (${res.round.key}): ${res.statement.en}${res.next ? ` → ${res.next.name.en}` : ''}`);
  io.out(`Passes (${res.passes.length}):`);
  for (const l of res.passes) io.out(line(l));
  io.out(`Leaves (${res.leaves.length}):`);
  for (const l of res.leaves) io.out(line(l));
  if (res.tie) {
    const what =
      res.tie.rule === 'threshold'
        ? `${res.tie.tied.length} exactly at the threshold pass`
        : `${res.tie.tied.length} tied at the cut for ${res.tie.places} place(s) (${res.tie.rule})`;
    io.out(`Tie: ${what}`);
  }
}

/** The command's work on an open database, so a test can run it against a state it built. */
export async function runCloseRound(db: Db, opts: CloseRoundOptions, io: CliIO): Promise<number> {
  const [account] = await db.select().from(user).where(eq(user.email, opts.as.toLowerCase()));
  if (!account || !isRole(account.role)) throw new CliError(`--as: no account ${opts.as}`);
  const actor: Actor = { id: account.id, email: account.email, name: account.name, role: account.role };
  if (!canReview(actor, 'manage')) throw new CliError(`--as: ${opts.as} is not an operator; only the office closes a round`);
  const call = await loadReviewCall(db, opts.program, opts.call);
  if (!call) throw new CliError(`--program/--call: no call ${opts.program}/${opts.call}`);
  const round = call.rounds.find((r) => r.key === opts.round);
  if (!round)
    throw new CliError(
      `--round: ${opts.program}/${opts.call} has no round "${opts.round}" (rounds: ${call.rounds.map((r) => r.key).join(', ') || 'none set up'})`,
    );

  const res = await closeSelectionRound(db, actor, call, round, {
    mode: opts.yes ? 'commit' : 'preview',
    ...(opts.tiePasses ? { tiePasses: opts.tiePasses } : {}),
    ...(opts.reason ? { reason: opts.reason } : {}),
  });
  if (res.status === 'invalid') {
    if (opts.json) io.out(JSON.stringify(res, null, 2));
    for (const i of res.issues) io.err(`error: ${i.field}: ${i.message.en}`);
    for (const l of res.tied ?? []) io.err(`  tied: ${l.label} ${l.score} [${l.applicationId}]`);
    return EXIT.failure;
  }
  if (opts.json) io.out(JSON.stringify(res, null, 2));
  else {
    printOutcome(res, io);
    io.out(
      res.status === 'committed'
        ? `\nClosed: ${res.passes.length} passed, ${res.leaves.length} left; applicants are told.`
        : '\nPreview: nothing changed. Run again with --yes --reason TEXT to close the round.',
    );
  }
  return EXIT.ok;
}

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const opts = closeRoundOptions(argv);
    return withAppContext('review close-round', (ctx) => runCloseRound(ctx.db, opts, io));
  },
};
