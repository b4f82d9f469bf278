import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { stageEvaluationsContract as c } from '@stagegate/core/contract/stage-evaluations';
import { publicStageEvaluationsContract as pc } from '@stagegate/core/contract/public-stage-evaluations';
import { call } from '../../api/contract-client';

export { stageEvaluationsContract } from '@stagegate/core/contract/stage-evaluations';

/** The office's view of one evaluation (a seated panel member gets only the evaluation, teams and their own scores). */
export type EvaluationView = Extract<ResponseOf<typeof c.get>, { seat: null }>;
export type Scheme = EvaluationView['scheme'];
export type VersionSummary = EvaluationView['versions'][number];
export type TeamStageResult = EvaluationView['results'][number];
export type ComponentScore = TeamStageResult['components'][number];
export type GateOutcome = TeamStageResult['gates'][number];
export type TeamView = ResponseOf<typeof c.team>;

/** What the mutations answer in preview (and on commit), as the contract says. */
export type DecisionAnswer = ResponseOf<typeof c.decide>;
/** after an upheld appeal: the corrected decision, what differs from the one in force and from when */
export type CorrectionPreview = Extract<DecisionAnswer, { kind: 'correction' }>;
export type DecisionPreview = Exclude<DecisionAnswer, { kind: 'correction' }>;
export type PublishPreview = ResponseOf<typeof c.publish>;
export type BenchmarkPull = ResponseOf<typeof c.pullBenchmarks>;
export type UserEvaluationPull = ResponseOf<typeof c.pullUserEvaluation>;
export type MeasurementChanges = ResponseOf<typeof c.importMeasurements>;
export type AppealPreview = ResponseOf<typeof c.fileAppeal>;
export type AppealResolution = ResponseOf<typeof c.resolveAppeal>;

export const useStageEvaluations = () => useQuery({ queryKey: ['stage-evaluations'], queryFn: () => call(c.list).then((r) => r.evaluations) });
export const useStageEvaluation = (id: string) =>
  useQuery({ queryKey: ['stage-evaluations', id], queryFn: () => call(c.get, { params: { id } }) as Promise<EvaluationView> });
export const useTeamView = (id: string, team: string) =>
  useQuery({ queryKey: ['stage-evaluations', id, 'team', team], queryFn: () => call(c.team, { params: { id, team } }) });
export const useMyTeams = () => useQuery({ queryKey: ['stage-evaluations', 'mine'], queryFn: () => call(c.myTeams).then((r) => r.teams) });
export const usePublicResultsList = () => useQuery({ queryKey: ['public-stage-results'], queryFn: () => call(pc.list).then((r) => r.evaluations) });
export const usePublicResults = (id: string) => useQuery({ queryKey: ['public-stage-results', id], queryFn: () => call(pc.get, { params: { id } }) });
