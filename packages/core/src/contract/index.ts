import type { RouteContract } from './route.ts';
import { notificationsContract } from './notifications.ts';
import { arenaContract } from './arena.ts';
import { programsContract } from './programs.ts';
import { resultBundlesContract } from './result-bundles.ts';
import { usageImportContract } from './usage-import.ts';
import { selectionResultsContract } from './selection-results.ts';
import { tasksContract } from './tasks.ts';
import { officeContract } from './office.ts';
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
  review: reviewContract,
};
