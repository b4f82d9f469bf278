import { and, eq } from 'drizzle-orm';
import { programs } from '../db/schema/index.ts';
import type { Call, ProgramDefinition } from '@stagegate/core/program/definition';
import { withFormDefaults, type CallFormConfig } from '@stagegate/core/application/form-config';
import type { Db, Tx } from '../db/connect.ts';
import { callSettings } from '../db/schema/index.ts';
import { getProgram, listPrograms } from '../programs/program-store.ts';
import { callActionsFrom, callStateLabels, effectiveCallState, type CallState, type RecordedCallState } from '@stagegate/core/call/call-state';
import { taskSlotsOf } from '@stagegate/core/selection/task-slots';

/** A call as applicants meet it: the program's published call, its form and its effective window. */
export interface ResolvedCall {
  program: ProgramDefinition;
  call: Call;
  opens: Date;
  closes: Date;
  /** why the window differs from the program's data (e.g. the demo's open call), if it does */
  windowOverride: { reason: string | null } | null;
  form: CallFormConfig;
  /** the step the office last recorded; the state that counts is `callStateAt(call, now)` */
  recorded: RecordedCallState;
}

/** The call's state by the database's clock: the recorded step, read against the window. */
export const callStateAt = (c: ResolvedCall, now: Date): CallState => effectiveCallState(c.recorded, { opens: c.opens, closes: c.closes }, now);

function resolve(program: ProgramDefinition, call: Call, settings: typeof callSettings.$inferSelect | undefined): ResolvedCall {
  const overridden = !!(settings?.opensOverride || settings?.closesOverride);
  return {
    program,
    call,
    opens: settings?.opensOverride ?? new Date(call.opens),
    closes: settings?.closesOverride ?? new Date(call.closes),
    windowOverride: overridden ? { reason: settings?.overrideReason ?? null } : null,
    form: withFormDefaults(settings?.form),
    recorded: settings?.state ?? null,
  };
}

// Definitions by (program, revision): the key is read from the database on every call, so a stale
// entry is never used — a changed program has a new revision (or seed version, or update time).
const definitions = new Map<string, ProgramDefinition>();
const DEFINITIONS_KEPT = 64;

/**
 * The program's revision and the call's settings in one query; the (large) definition is fetched
 * and parsed only when this revision has not been seen — the deadline surge reads it hundreds of times.
 */
export async function resolveCall(db: Db | Tx, programSlug: string, callKey: string): Promise<ResolvedCall | undefined> {
  const [row] = await db
    .select({ program: programRevisionColumns, settings: callSettings })
    .from(programs)
    .leftJoin(callSettings, and(eq(callSettings.programSlug, programs.slug), eq(callSettings.callKey, callKey)))
    .where(eq(programs.slug, programSlug));
  if (!row) return undefined;
  return resolveCallFrom(db, programSlug, callKey, row.program, row.settings ?? undefined);
}

/** What identifies a program's revision: select it beside other reads, then `resolveCallFrom`. */
export const programRevisionColumns = { id: programs.id, revision: programs.revision, seedVersion: programs.seedVersion, updatedAt: programs.updatedAt };
export type ProgramRevision = { id: string; revision: number; seedVersion: number | null; updatedAt: Date };

/** `resolveCall` for a caller that read the program's revision and the call's settings in its own query (the submission reads them with the application). */
export async function resolveCallFrom(
  db: Db | Tx,
  programSlug: string,
  callKey: string,
  revision: ProgramRevision,
  settings: typeof callSettings.$inferSelect | undefined,
): Promise<ResolvedCall | undefined> {
  const key = `${revision.id}:${revision.revision}:${revision.seedVersion}:${revision.updatedAt.getTime()}`;
  let definition = definitions.get(key);
  if (!definition) {
    const program = await getProgram(db as Db, programSlug);
    if (!program) return undefined;
    definition = program.definition;
    if (definitions.size >= DEFINITIONS_KEPT) definitions.clear();
    if (program.revision === revision.revision && program.updatedAt.getTime() === revision.updatedAt.getTime()) definitions.set(key, definition);
  }
  const call = definition.calls.find((c) => c.key === callKey);
  if (!call) return undefined;
  return resolve(definition, call, settings);
}

export async function listCalls(db: Db): Promise<ResolvedCall[]> {
  const [programs, settings] = await Promise.all([listPrograms(db), db.select().from(callSettings)]);
  return programs.flatMap((p) =>
    p.definition.calls.map((c) =>
      resolve(
        p.definition,
        c,
        settings.find((s) => s.programSlug === p.slug && s.callKey === c.key),
      ),
    ),
  );
}

/** The call as the API answers it, its state read by the database's clock `now`. */
export function callSummary(c: ResolvedCall, now: Date) {
  const state = callStateAt(c, now);
  return {
    program: c.program.slug,
    programName: c.program.name,
    key: c.call.key,
    name: c.call.name,
    notice: c.call.notice ?? null,
    briefing: c.call.briefing ?? null,
    documents: c.call.documents ?? [],
    receiptPrefix: c.call.receiptPrefix,
    opens: c.opens.toISOString(),
    closes: c.closes.toISOString(),
    publishedWindow: { opens: c.call.opens, closes: c.call.closes },
    windowOverride: c.windowOverride,
    open: state === 'open',
    state,
    stateLabel: callStateLabels[state],
    actions: callActionsFrom(state, c.recorded),
    taskSlots: taskSlotsOf(c.program, c.call).count,
    form: c.form,
    phases: c.program.phases.map((p) => ({ key: p.key, name: p.name, start: p.start, end: p.end })),
    /** openness tiers and the team's share at each, for the proposal's declared tier (null: the program has none) */
    costShare: c.program.costShare ?? null,
  };
}
