import type { LocalizedText } from '../../api/types';

export interface FinalEvaluationSummary {
  id: string;
  program: string;
  name: LocalizedText;
  excellenceRule: { kind: 'topN'; n: number } | { kind: 'atLeast'; minScore: number } | { kind: 'topNAtLeast'; n: number; minScore: number };
  poolKey: string;
  phaseKey: string;
  maxExtraGpus: number | null;
  supportEarliestStart: string | null;
  status: 'open' | 'designated';
  revision: number;
}

export interface AllocationRequest {
  gpus: number;
  startsOn: string;
  endsOn: string;
  poolKey: string;
  state: 'created' | 'pending';
  allocationId?: string;
  note?: string;
}

export interface FinalEvaluationDetail {
  finalEvaluation: FinalEvaluationSummary;
  limits: { maxGpus?: number; earliestStart?: string; latestEnd?: string };
  tasks: {
    taskId: string;
    taskKey: string;
    taskName: LocalizedText;
    report: { fileName: string; sizeBytes: number; sha256: string; uploadedAt: string } | null;
    score: number | null;
    excellent: boolean | null;
    rank: number | null;
    designationReason: LocalizedText | null;
  }[];
  proposals: { id: string; taskId: string; taskKey: string; goalKind: string; status: string; agreedOfferSeq: number | null; allocationRequest: AllocationRequest | null }[];
}

export interface Offer {
  seq: number;
  side: 'task' | 'operator';
  gpus: number;
  startsOn: string;
  endsOn: string;
  note: string | null;
  madeAt: string;
}

export interface Negotiation {
  proposal: { id: string; finalEvaluationId: string; taskId: string; goalKind: 'performance' | 'serviceDevelopment'; goals: string; status: string; agreedOfferSeq: number | null; allocationRequest: AllocationRequest | null };
  taskKey: string;
  offers: Offer[];
  acceptances: { offerSeq: number; side: 'task' | 'operator'; acceptedAt: string }[];
  state: { state: 'awaitingProposal'; turn: 'task' } | { state: 'negotiating'; turn: 'task' | 'operator'; latest: Offer } | { state: 'agreed'; agreed: Offer } | { state: 'withdrawn' };
  limits: { maxGpus?: number; earliestStart?: string; latestEnd?: string };
}
