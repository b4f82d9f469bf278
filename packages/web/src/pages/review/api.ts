import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LocalizedText } from '../../api/types';
import type { ProposalDraft } from '@stagegate/core/application/proposal';

// The shapes the review API answers with (packages/app/src/http/routes/review-routes.ts).
export interface Criterion { key: string; name: LocalizedText; points: number; subCriteria: LocalizedText[] }
export interface ReviewForm { totalPoints: number; criteria: Criterion[] }
export interface Aggregation { method: 'mean' | 'trimmed'; trimMinReviewers: number; zScore: boolean }
export interface RoundSummary {
  id: string;
  key: string;
  name: LocalizedText;
  weight: number;
  reviewsPerProposal: number;
  panel: number;
  assigned: number;
  submittedSheets: number;
  state: 'open' | 'waiting' | 'closed';
  shortlist: { kind: string } | null;
  statement: LocalizedText | null;
  entrants: number;
  passed: number;
  left: number;
  closedAt: string | null;
  /** what the round is scored on: its own criteria when the program gives them, else the call's */
  criteria: ReviewForm;
  ownCriteria: boolean;
}
export interface Overview {
  program: string;
  programName: LocalizedText;
  call: string;
  callName: LocalizedText;
  taskCount: number;
  poolGpus: number;
  config: { blind: boolean; conflictYears: number; aggregation: Aggregation; publishedAt: string | null; revision: number };
  rounds: RoundSummary[];
  form: ReviewForm;
  applications: { id: string; receiptNo: string; title: string; label: string; domain: string | null }[];
  reviewers: { total: number; accepted: number; invited: number; declined: number };
}
export interface Affiliation { organisationName: string; registrationNo?: string; fromYear: number; toYear: number | null }
export interface PoolEntry { id: string; email: string; name: string; status: 'invited' | 'accepted' | 'declined'; domains: string[]; keywords: string[]; profile: string; affiliations: Affiliation[]; maxLoad: number; minLoad: number; seq: number; rounds: string[] }
export interface ConflictEntry { id: string; applicationId: string; application: string; reviewerId: string; reviewer: string; source: string; kind: string; severity: string; detail: LocalizedText; waived: boolean; waiverReason: string | null }
export type Pair = [string, string];
export interface Diff { added: Pair[]; removed: Pair[]; kept: Pair[] }
export interface Run { id: string; roundId: string; kind: 'solver' | 'manual'; status: string; statusLabel: LocalizedText; result: { objective?: number; diff?: Diff; reasons?: { kind: string; message: LocalizedText }[] }; createdAt: string }
export interface RoundAssignment {
  round: { id: string; key: string; name: LocalizedText; reviewsPerProposal: number };
  pairs: { applicationId: string; reviewerId: string; conflicted: boolean; sheet: 'none' | 'draft' | 'submitted' }[];
  panel: { id: string; name: string; status: string; maxLoad: number; minLoad: number; load: number }[];
  runs: { id: string; kind: string; status: string; statusLabel: LocalizedText; createdAt: string; objective: number | null; changes: { added: number; removed: number; kept: number } | null }[];
}
export interface RankingRow {
  applicationId: string;
  receiptNo: string | null;
  title: string;
  leadName: string;
  requestedGpus: number;
  rank: number | null;
  score: number | null;
  perRound: Record<string, { score: number; reviewCount: number; trimmed: boolean } | null>;
  missingRounds: string[];
  tieBreak: LocalizedText | null;
  decision: { outcome: 'selected' | 'reserve' | 'rejected'; reason: string; taskId: string | null } | null;
  /** an additional call's expert-majority standing; null for a regular call */
  majority: { reviewers: number; recommending: number; needed: number; majority: boolean } | null;
}
export interface AdditionalTerms {
  fills: { call: string; slots: number; name: LocalizedText };
  gpuOffer: { pool: string; gpus: number }[];
  decisionRule: { kind: 'majority'; of: 'experts'; recommendAtPoints: number };
  allowNoSelection: boolean;
}
export interface NoSelection { label: LocalizedText; reason: string; at: string | null }
export interface Ranking { rows: RankingRow[]; method: LocalizedText; taskCount: number; poolGpus: number; publishedAt: string | null; rounds: { key: string; name: LocalizedText; weight: number }[]; additional: AdditionalTerms | null; noSelection: NoSelection | null }
export interface MyAssignment { roundId: string; round: { key: string; name: LocalizedText; dueAt: string | null }; pledgedAt: string | null; program: string; call: string; applicationId: string; receiptNo: string | null; title: string; domain: string | null; conflicted: boolean; sheetStatus: 'none' | 'draft' | 'submitted'; total: number | null }
export type Scores = Record<string, { score?: number | null; comment?: string | null }>;
export interface ReviewerView {
  round: { id: string; key: string; name: LocalizedText; dueAt: string | null };
  callName: LocalizedText;
  /** the proposal's PDFs; under blind review their names are neutral */
  attachments: { id: string; fileName: string; sizeBytes: number }[];
  form: ReviewForm;
  application: { id: string; receiptNo: string | null; blind: boolean; proposal: ProposalDraft; consortium: { position: 'lead' | 'participant'; type: string; role: string | null; country: string; name?: string; registrationNo?: string | null }[] };
  sheet: { status: 'draft' | 'submitted'; scores: Scores; total: number | null; submittedAt: string | null } | null;
}

export const callPath = (program: string, call: string) => `/api/v1/review/calls/${program}/${call}`;

export function useReviewCalls() {
  return useQuery({ queryKey: ['review', 'calls'], queryFn: () => api<{ calls: { program: string; call: string; name: LocalizedText; programName: LocalizedText; opens?: string; submitted: number }[] }>('/api/v1/review/calls') });
}
export function useOverview(program: string, call: string) {
  return useQuery({ queryKey: ['review', program, call, 'overview'], queryFn: () => api<Overview>(callPath(program, call)), enabled: !!program && !!call });
}
export function usePool(program: string, call: string) {
  return useQuery({ queryKey: ['review', program, call, 'pool'], queryFn: () => api<{ reviewers: PoolEntry[] }>(`${callPath(program, call)}/reviewers`) });
}
export function useOutbox(program: string, call: string) {
  return useQuery({ queryKey: ['review', program, call, 'outbox'], queryFn: () => api<{ messages: { id: string; toEmail: string; subject: string; body: string; createdAt: string }[] }>(`${callPath(program, call)}/outbox`) });
}
export function useConflicts(program: string, call: string) {
  return useQuery({ queryKey: ['review', program, call, 'conflicts'], queryFn: () => api<{ conflicts: ConflictEntry[] }>(`${callPath(program, call)}/conflicts`) });
}
export function useRoundAssignment(roundId: string | undefined) {
  return useQuery({ queryKey: ['review', 'round', roundId], queryFn: () => api<RoundAssignment>(`/api/v1/review/rounds/${roundId}/assignment`), enabled: !!roundId });
}
export function useRanking(program: string, call: string) {
  return useQuery({ queryKey: ['review', program, call, 'ranking'], queryFn: () => api<Ranking>(`${callPath(program, call)}/ranking`) });
}
export function useMine() {
  return useQuery({ queryKey: ['review', 'me'], queryFn: () => api<{ profiles: PoolEntry[]; assignments: MyAssignment[] }>('/api/v1/review/me') });
}

/** Refetches everything review shows after a change (assignments move loads, conflicts, rankings). */
export function useRefreshReview() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['review'] });
}
