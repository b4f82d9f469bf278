import type { RouteContract } from './route.ts';
import { notificationsContract } from './notifications.ts';
import { arenaContract } from './arena.ts';
import { programsContract } from './programs.ts';
import { resultBundlesContract } from './result-bundles.ts';
import { usageImportContract } from './usage-import.ts';
import { selectionResultsContract } from './selection-results.ts';
import { tasksContract } from './tasks.ts';
import { officeContract } from './office.ts';
import { stageEvaluationsContract } from './stage-evaluations.ts';
import { publicStageEvaluationsContract } from './public-stage-evaluations.ts';
import { finalEvaluationsContract } from './final-evaluations.ts';
import { callsContract } from './calls.ts';
import { applicationsContract } from './applications.ts';
import { organisationsContract } from './organisations.ts';
import { accountsContract } from './accounts.ts';
import { evaluationContract } from './evaluation.ts';
import { modelEndpointsContract } from './model-endpoints.ts';
import { provenanceContract } from './provenance.ts';
import { openSourceContract } from './open-source.ts';
import { allocationsContract } from './allocations.ts';
import { resourcesContract } from './resources.ts';
import { slurmContract } from './slurm.ts';
import { usageContract } from './usage.ts';
import { auditContract } from './audit.ts';
import { reviewContract } from './review.ts';

/** Every area of the API contract; the app's contract test checks each entry is served as written. */
export const contractAreas: Record<string, Record<string, RouteContract>> = {
  programs: programsContract,
  notifications: notificationsContract,
  resultBundles: resultBundlesContract,
  arena: arenaContract,
  usageImport: usageImportContract,
  selectionResults: selectionResultsContract,
  tasks: tasksContract,
  office: officeContract,
  stageEvaluations: stageEvaluationsContract,
  publicStageEvaluations: publicStageEvaluationsContract,
  finalEvaluations: finalEvaluationsContract,
  calls: callsContract,
  applications: applicationsContract,
  organisations: organisationsContract,
  accounts: accountsContract,
  evaluation: evaluationContract,
  modelEndpoints: modelEndpointsContract,
  provenance: provenanceContract,
  openSource: openSourceContract,
  allocations: allocationsContract,
  resources: resourcesContract,
  slurm: slurmContract,
  usage: usageContract,
  audit: auditContract,
  review: reviewContract,
};
