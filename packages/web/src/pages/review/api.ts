import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { reviewContract } from '@stagegate/core/contract/review';
import { call } from '../../api/contract-client';

// The shapes the review API answers with, as its contract says (packages/core/src/contract/review*.ts).
export { reviewContract };
const c = reviewContract;
export type Overview = ResponseOf<typeof c.overview>;
export type RoundSummary = Overview['rounds'][number];
export type PoolEntry = ResponseOf<typeof c.pool>['reviewers'][number];
export type ConflictEntry = ResponseOf<typeof c.conflicts>['conflicts'][number];
export type Ranking = ResponseOf<typeof c.ranking>;
export type RankingRow = Ranking['rows'][number];
export type ReviewerView = ResponseOf<typeof c.proposal>;
export type Scores = NonNullable<ReviewerView['sheet']>['scores'];
export type Run = ResponseOf<typeof c.run>['run'];
/** what an assignment run adds, removes and keeps: [applicationId, reviewerId] pairs */
export type Diff = NonNullable<Run['result']['diff']>;
export type Pair = Diff['added'][number];

export const callPath = (program: string, callKey: string) => `/api/v1/review/calls/${program}/${callKey}`;
const callParams = (program: string, callKey: string) => ({ params: { program, call: callKey } });

export function useReviewCalls() {
  return useQuery({ queryKey: ['review', 'calls'], queryFn: () => call(c.calls) });
}
export function useOverview(program: string, callKey: string) {
  return useQuery({
    queryKey: ['review', program, callKey, 'overview'],
    queryFn: () => call(c.overview, callParams(program, callKey)),
    enabled: !!program && !!callKey,
  });
}
export function usePool(program: string, callKey: string) {
  return useQuery({ queryKey: ['review', program, callKey, 'pool'], queryFn: () => call(c.pool, callParams(program, callKey)) });
}
export function useOutbox(program: string, callKey: string) {
  return useQuery({ queryKey: ['review', program, callKey, 'outbox'], queryFn: () => call(c.outbox, callParams(program, callKey)) });
}
export function useConflicts(program: string, callKey: string) {
  return useQuery({ queryKey: ['review', program, callKey, 'conflicts'], queryFn: () => call(c.conflicts, callParams(program, callKey)) });
}
export function useRoundAssignment(roundId: string | undefined) {
  return useQuery({ queryKey: ['review', 'round', roundId], queryFn: () => call(c.assignment, { params: { roundId: roundId! } }), enabled: !!roundId });
}
export function useRanking(program: string, callKey: string) {
  return useQuery({ queryKey: ['review', program, callKey, 'ranking'], queryFn: () => call(c.ranking, callParams(program, callKey)) });
}
export function useMine() {
  return useQuery({ queryKey: ['review', 'me'], queryFn: () => call(c.mine) });
}

/** Refetches everything review shows after a change (assignments move loads, conflicts, rankings). */
export function useRefreshReview() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['review'] });
}
