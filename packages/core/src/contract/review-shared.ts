import { z } from 'zod';
import { runStatuses } from '../selection/assignment-run-state.ts';
import { text } from './route.ts';

/** Path parameters of the review routes. */
export const callParams = z.object({ program: z.string().min(1).max(80), call: z.string().min(1).max(80) });
export const reviewIdParam = z.object({ id: z.uuid() });
export const roundParam = z.object({ roundId: z.uuid() });
export const runParam = z.object({ runId: z.uuid() });
export const sheetParams = z.object({ roundId: z.uuid(), applicationId: z.uuid() });
export const tokenParam = z.object({ token: z.string().min(10).max(200) });

export const mode = z.enum(['preview', 'commit']);
/** A written reason where one is required (waivers, declared conflicts). */
export const requiredReason = z.string().trim().min(1, 'a written reason is required').max(4000);

/** A problem with one field, in both languages (an invalid input's issues, a tie's preview). */
export const fieldIssue = z.object({ field: z.string(), message: text });

/** The score sheet a round is scored on: each criteria group with its points and sub-criteria. */
export const reviewForm = z.object({
  totalPoints: z.number(),
  criteria: z.array(z.object({ key: z.string(), name: text, points: z.number(), subCriteria: z.array(text) })),
});

/** A reviewer's scores, per criteria-group key: points and a comment, either still empty in a draft. */
export const scoreSheet = z.record(z.string(), z.object({ score: z.number().nullable().optional(), comment: z.string().nullable().optional() }));
export const sheetStatus = z.enum(['draft', 'submitted']);

/** One review assignment pair: [applicationId, reviewerId]. */
const pair = z.tuple([z.string(), z.string()]);
export const assignmentDiff = z.object({ added: z.array(pair), removed: z.array(pair), kept: z.array(pair) });

export const runStatus = z.enum(runStatuses);
export const runOptions = z.object({ balance: z.boolean().optional() });

/** One assignment run (solver or manual edit) as a state machine, with its result and diff. */
export const assignmentRun = z.object({
  id: z.string(),
  roundId: z.string(),
  kind: z.enum(['solver', 'manual']),
  status: runStatus,
  statusLabel: text,
  options: runOptions,
  result: z.object({
    objective: z.number().optional(),
    assignments: z.array(pair).optional(),
    /** why a run found no solution */
    reasons: z.array(z.object({ kind: z.string(), message: text })).optional(),
    diff: assignmentDiff.optional(),
    /** the assignment the run was computed against; deploying is refused once it changed */
    basis: z.string().optional(),
  }),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  deployedAt: z.date().nullable(),
});

const affiliation = z.object({
  organisationName: z.string(),
  registrationNo: z.string().optional(),
  fromYear: z.number().int(),
  toYear: z.number().int().nullable(),
});

/** A pool entry as the office and the reviewer see it (never its token's hash), with the panels it sits on. */
export const reviewerEntry = z.object({
  id: z.string(),
  programSlug: z.string(),
  callKey: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['invited', 'accepted', 'declined']),
  userId: z.string().nullable(),
  domains: z.array(z.string()),
  keywords: z.array(z.string()),
  profile: z.string(),
  affiliations: z.array(affiliation),
  maxLoad: z.number().int(),
  minLoad: z.number().int(),
  /** the order reviewers joined the pool: exports code them R01, R02, … */
  seq: z.number().int(),
  invitedAt: z.date(),
  respondedAt: z.date().nullable(),
  /** the round keys whose panel the reviewer sits on */
  rounds: z.array(z.string()),
});

/** A round as a reviewer sees it on a proposal or a pledge. */
export const reviewerRound = z.object({ id: z.string(), key: z.string(), name: text, dueAt: z.string().nullable() });
