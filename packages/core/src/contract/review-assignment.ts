import { z } from 'zod';
import { route, text } from './route.ts';
import { assignmentDiff, assignmentRun, fieldIssue, mode, roundParam, runOptions, runParam, runStatus } from './review-shared.ts';

const pairInput = z.tuple([z.uuid(), z.uuid()]);
const run = z.object({ run: assignmentRun });

/** One application on a round's shortlist: its rank and score in the round, and whether it is tied at the cut. */
const shortlistLine = z.object({ applicationId: z.string(), label: z.string(), rank: z.number().int(), score: z.number(), tied: z.boolean() });
/** Applications tied at the cut: how many places are left for them and who of them passes. */
const roundTie = z.object({
  tied: z.array(z.string()),
  places: z.number().int(),
  rule: z.enum(['all-pass', 'office-decides', 'threshold']),
  passes: z.array(z.string()),
});
const roundRef = z.object({ key: z.string(), name: text });

/** A round's assignment: run the solver → preview its diff → deploy; manual edits take the same path; closing a round applies its shortlist. */
export const reviewAssignmentContract = {
  assignment: route('GET', '/api/v1/review/rounds/:roundId/assignment', {
    params: roundParam,
    response: {
      200: z.object({
        round: z.object({ id: z.string(), key: z.string(), name: text, reviewsPerProposal: z.number().int() }),
        pairs: z.array(z.object({ applicationId: z.string(), reviewerId: z.string(), conflicted: z.boolean(), sheet: z.enum(['none', 'draft', 'submitted']) })),
        panel: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            status: z.enum(['invited', 'accepted', 'declined']),
            maxLoad: z.number().int(),
            minLoad: z.number().int(),
            load: z.number().int(),
          }),
        ),
        runs: z.array(
          z.object({
            id: z.string(),
            kind: z.enum(['solver', 'manual']),
            status: runStatus,
            statusLabel: text,
            options: runOptions,
            createdAt: z.date(),
            objective: z.number().nullable(),
            changes: z.object({ added: z.number().int(), removed: z.number().int(), kept: z.number().int() }).nullable(),
          }),
        ),
      }),
    },
  }),
  runSolver: route('POST', '/api/v1/review/rounds/:roundId/runs', {
    params: roundParam,
    body: z.object({ balance: z.boolean().default(false) }),
    response: { 200: run },
  }),
  run: route('GET', '/api/v1/review/runs/:runId', { params: runParam, response: { 200: run } }),
  deploy: route('POST', '/api/v1/review/runs/:runId/deploy', { params: runParam, response: { 200: run } }),
  manual: route('POST', '/api/v1/review/rounds/:roundId/assignment/manual', {
    params: roundParam,
    body: z.object({
      add: z.array(pairInput).max(500).default([]),
      remove: z.array(pairInput).max(500).default([]),
      mode,
      basis: z.string().max(64).optional(),
    }),
    response: {
      200: z.discriminatedUnion('status', [
        /** the diff, and the current assignment it was computed against (the commit sends it back) */
        z.object({ status: z.literal('preview'), diff: assignmentDiff, basis: z.string() }),
        z.object({ status: z.literal('committed'), run: assignmentRun }),
      ]),
    },
  }),
  close: route('POST', '/api/v1/review/rounds/:roundId/close', {
    params: roundParam,
    body: z.object({ mode, tiePasses: z.array(z.uuid()).max(500).optional(), reason: z.string().max(4000).optional() }),
    response: {
      200: z.discriminatedUnion('status', [
        /** a tie the office must settle (preview only): the tied applications to choose from */
        z.object({ status: z.literal('tie-decision'), tie: roundTie, tied: z.array(shortlistLine), issues: z.array(fieldIssue) }),
        z.object({
          status: z.enum(['preview', 'committed']),
          round: roundRef,
          next: roundRef.nullable(),
          statement: text,
          passes: z.array(shortlistLine),
          leaves: z.array(shortlistLine),
          tie: roundTie.nullable(),
        }),
      ]),
    },
  }),
};
