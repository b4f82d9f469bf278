import { z } from 'zod';
import { file, route, text, uuidParam } from './route.ts';

/** A proposal named in a published selection; rank and score only where the program publishes review scores. */
const namedProposal = z.object({
  outcome: z.enum(['selected', 'reserve']),
  outcomeLabel: text,
  receiptNo: z.string().nullable(),
  title: z.string(),
  lead: z.string(),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
});

/** Published selection results: the public list of each call, and an applicant's result as an official letter. */
export const selectionResultsContract = {
  published: route('GET', '/api/v1/public/selection-results', {
    response: {
      200: z.object({
        results: z.array(
          z.object({
            program: z.string(),
            programName: text,
            call: z.string(),
            callName: text,
            publishedAt: z.string(),
            /** how many applied; nobody who was not selected is named */
            applications: z.number().int(),
            scoresPublished: z.boolean(),
            selected: z.array(namedProposal),
            /** the call's recorded outcome "no one selected" */
            noSelection: z.object({ label: text }).nullable(),
          }),
        ),
      }),
    },
  }),
  letter: route('GET', '/api/v1/review/results/:id/letter.pdf', {
    params: uuidParam,
    response: { 200: file('the official letter: a Korean page, then an English page (times in Asia/Seoul)', 'application/pdf') },
  }),
};
