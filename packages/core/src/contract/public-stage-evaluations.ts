import { z } from 'zod';
import { file, idParam, route, text } from './route.ts';
import {
  componentScore,
  decisionOutcome,
  evaluationListItem,
  evaluationSummary,
  gateOutcome,
  publicCorrection,
  scheme,
  versionSummary,
} from './stage-evaluation-shapes.ts';

/** One team's line of the published leaderboard (panel members' own scores are never public). */
const standing = z.object({
  rank: z.number().int(),
  team: z.string(),
  name: text,
  leadOrganisationName: text.nullable(),
  total: z.number(),
  components: z.array(componentScore),
  indices: z.record(z.string(), z.number()),
  gates: z.array(gateOutcome),
  outcome: decisionOutcome,
  proposed: decisionOutcome,
  reasons: z.array(text),
  probabilityLast: z.number().nullable(),
});

const record = { evaluation: evaluationSummary.omit({ revision: true }), scheme, versions: z.array(versionSummary) };

/** The public record: always the scheme and its versions; once published, the leaderboard, outcomes and corrections. */
const publicResults = z.discriminatedUnion('published', [
  z.object({ ...record, published: z.literal(false) }),
  z.object({
    ...record,
    published: z.literal(true),
    decidedOn: z.string(),
    decisionSchemeVersion: z.number().int(),
    average: z.number(),
    probabilityLastNote: text.nullable(),
    departureReason: z.string().nullable(),
    /** an upheld appeal has the decision reopened; the decision in force stays the record meanwhile */
    reopened: z.boolean(),
    decisionVersion: z.number().int(),
    /** newest first */
    corrections: z.array(publicCorrection),
    standings: z.array(standing),
    appealClosesAt: z.string().nullable(),
    appeals: z.object({ filed: z.number().int(), open: z.number().int(), upheld: z.number().int(), rejected: z.number().int() }),
  }),
]);

/** Public record of stage evaluations, no account needed. */
export const publicStageEvaluationsContract = {
  list: route('GET', '/api/v1/public/stage-evaluations', {
    response: {
      200: z.object({
        evaluations: z.array(evaluationListItem.extend({ published: z.boolean(), schemeVersion: z.number().int() })),
      }),
    },
  }),
  get: route('GET', '/api/v1/public/stage-evaluations/:id', { params: idParam, response: { 200: publicResults } }),
  workbook: route('GET', '/api/v1/public/stage-evaluations/:id/results.xlsx', {
    params: idParam,
    response: { 200: file('the published results as Excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  report: route('GET', '/api/v1/public/stage-evaluations/:id/report.pdf', {
    params: idParam,
    response: { 200: file('the published results as a Korean PDF report', 'application/pdf') },
  }),
};
