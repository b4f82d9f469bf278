import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LocalizedText, StageComponent } from '../../api/types';
import type { TeamStageResult, ComponentScore, GateOutcome } from '@stagegate/core/stage-evaluation/score-stage';
import type { DecisionProposal } from '@stagegate/core/stage-evaluation/propose-decision';
import type { FieldIssue } from '@stagegate/core/shared/localized';

export type { TeamStageResult, ComponentScore, GateOutcome, DecisionProposal };

export interface Scheme {
  totalPoints: number;
  components: StageComponent[];
  indices: { key: string; name: LocalizedText; components: string[] }[];
  gates: { key: string; name: LocalizedText; description: LocalizedText }[];
  decisionPolicy: { kind: string; [k: string]: unknown };
  appealDays: number;
}

export interface EvaluationSummary {
  id: string;
  program: string;
  programName: LocalizedText;
  programShortName: LocalizedText;
  stageKey: string;
  stageName: LocalizedText | null;
  nextPhaseKey: string | null;
  name: LocalizedText;
  periodStart: string;
  periodEnd: string;
  status: 'open' | 'decided' | 'published' | 'reopened';
  revision: number;
  openedAt: string;
  publishedAt: string | null;
  schemeVersion: number;
}

export interface VersionSummary {
  version: number;
  effectiveFrom: string;
  reason: LocalizedText | null;
  changes: string[];
}

export interface Team {
  id: string;
  key: string;
  name: LocalizedText;
  leadOrganisationName: LocalizedText | null;
  status: string;
  targetModel: string | null;
}

export interface OutcomeRecord {
  taskId: string;
  taskKey: string;
  outcome: 'continue' | 'eliminate';
  proposed: 'continue' | 'eliminate';
  reasons: LocalizedText[];
  basis?: string;
  rank: number;
  total: number;
}

export interface EnforcementRecord {
  taskKey: string;
  action: 'eliminate' | 'continue';
  statusBefore: string;
  statusAfter: string;
  allocationsEnded: { allocationId: string; poolKey: string; gpus: number; endedOn: string }[];
  allocationsStarted: { allocationId: string; poolKey: string; gpus: number; startsOn: string }[];
  gpusReceived?: { poolKey: string; gpus: number; from: string }[];
}

export interface EvaluationView {
  evaluation: EvaluationSummary;
  /** today in Seoul by the database clock */
  today: string;
  /** the day a decision takes effect unless the office dates it: today, or the period's end while still ahead */
  defaultDecidedOn: string;
  scheme: Scheme;
  versions: VersionSummary[];
  programSchemeDrift: string[];
  redistribution: { rule: 'equal-split' | 'proportional' | 'by-rank' | 'office-decides'; note?: LocalizedText } | null;
  gpuPools: { key: string; name: LocalizedText; gpusPerNode: number }[];
  phaseNames: Record<string, LocalizedText>;
  teams: Team[];
  inputs: {
    measurements: { team: string; component: string; value: number; source: string; sourceRef: string | null; note: string | null; enteredAt: string }[];
    expertScores: { team: string; component: string; expert: string; score: number }[];
    goals: { team: string; component: string; position: number; goal: string; met: boolean | null; evidence: string | null }[];
    gates: { team: string; gate: string; declaration: { items: Record<string, boolean>; statement: string } | null; evidence: { label: string; url: string }[]; passed: boolean | null; reason: LocalizedText | null }[];
    provenanceReports: {
      id: string;
      team: string;
      gateKey: string;
      comparisonId: string;
      verdict: string | null;
      label: string | null;
      candidatePath: string;
      note: string | null;
      attachedAt: string;
      ready: boolean;
      /** the report, readable by those who rule the gate; null until the comparison has finished */
      reportUrl: string | null;
    }[];
  };
  results: TeamStageResult[];
  issues: FieldIssue[];
  average: number;
  probabilityLast: Record<string, number> | null;
  probabilityLastNote: LocalizedText | null;
  proposal: DecisionProposal;
  decision: null | {
    decidedOn: string;
    schemeVersion: number;
    outcomes: OutcomeRecord[];
    departureReason: string | null;
    enforcement: EnforcementRecord[];
    slurmPlan: string[];
    /** null until the results are published: the appeal window starts then */
    appealClosesAt: string | null;
    retroactiveReason: string | null;
    confirmedAt: string;
    /** 1 for the first decision; each correction after an upheld appeal adds one */
    version: number;
    correction: null | { team: string; reason: string; replacesVersion: number; effectiveFrom: string };
  };
  /** while reopened: the upheld appeal the re-proposed decision answers */
  reopenedFor: null | { id: string; team: string; grounds: string; resolution: string | null };
  appeals: { id: string; team: string; grounds: string; filedAt: string; status: 'open' | 'upheld' | 'rejected'; resolution: string | null; resolvedAt: string | null }[];
}

export interface PublicStanding {
  rank: number;
  team: string;
  name: LocalizedText;
  leadOrganisationName: LocalizedText | null;
  total: number;
  components: ComponentScore[];
  indices: Record<string, number>;
  gates: GateOutcome[];
  outcome: 'continue' | 'eliminate';
  proposed: 'continue' | 'eliminate';
  reasons: LocalizedText[];
  probabilityLast: number | null;
}

export type PublicResults = {
  evaluation: Omit<EvaluationSummary, 'revision'>;
  scheme: Scheme;
  versions: VersionSummary[];
} & (
  | { published: false }
  | { published: true; decidedOn: string; decisionSchemeVersion: number; average: number; departureReason: string | null; standings: PublicStanding[]; appealClosesAt: string; appeals: { filed: number; open: number; upheld: number; rejected: number }; decisionVersion?: number; corrections?: { version: number; replacesVersion: number; effectiveFrom: string; team: string; reason: string; appealWindows?: { taskKey: string; closesAt: string }[] }[] }
);

export interface PublicListItem {
  id: string;
  program: string;
  stageKey: string;
  name: LocalizedText;
  periodStart: string;
  periodEnd: string;
  status: string;
  published: boolean;
  publishedAt: string | null;
  schemeVersion: number;
}

export interface TeamView {
  evaluation: EvaluationSummary;
  scheme: Scheme;
  team: Team;
  gates: { gate: Scheme['gates'][number]; declaration: { items: Record<string, boolean>; statement: string } | null; evidence: { label: string; url: string }[]; passed: boolean | null; reason: LocalizedText | null }[];
  goals: { component: string; goal: string; met: boolean | null; evidence: string | null }[];
  result: TeamStageResult | null;
  outcome: OutcomeRecord | null;
  appealClosesAt: string | null;
  appeals: { id: string; grounds: string; filedAt: string; status: string; resolution: string | null }[];
}

const base = '/api/v1/stage-evaluations';
export const useStageEvaluations = () => useQuery({ queryKey: ['stage-evaluations'], queryFn: () => api<{ evaluations: PublicListItem[] }>(base).then((r) => r.evaluations) });
export const useStageEvaluation = (id: string) => useQuery({ queryKey: ['stage-evaluations', id], queryFn: () => api<EvaluationView>(`${base}/${id}`) });
export const useTeamView = (id: string, team: string) => useQuery({ queryKey: ['stage-evaluations', id, 'team', team], queryFn: () => api<TeamView>(`${base}/${id}/teams/${team}`) });
export const useMyTeams = () =>
  useQuery({ queryKey: ['stage-evaluations', 'mine'], queryFn: () => api<{ teams: { evaluationId: string; name: LocalizedText; status: string; taskKey: string; taskName: LocalizedText }[] }>('/api/v1/my/stage-evaluation-teams').then((r) => r.teams) });
export const usePublicResultsList = () => useQuery({ queryKey: ['public-stage-results'], queryFn: () => api<{ evaluations: PublicListItem[] }>('/api/v1/public/stage-evaluations').then((r) => r.evaluations) });
export const usePublicResults = (id: string) => useQuery({ queryKey: ['public-stage-results', id], queryFn: () => api<PublicResults>(`/api/v1/public/stage-evaluations/${id}`) });
