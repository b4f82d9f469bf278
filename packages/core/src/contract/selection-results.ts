import { file, route, uuidParam } from './route.ts';

/** An applicant's published selection result as an official letter. */
export const selectionResultsContract = {
  letter: route('GET', '/api/v1/review/results/:id/letter.pdf', {
    params: uuidParam,
    response: { 200: file('the official letter: a Korean page, then an English page (times in Asia/Seoul)', 'application/pdf') },
  }),
};
