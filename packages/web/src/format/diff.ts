import { diffDocuments } from '@stagegate/core/shared/diff';
import type { FieldChange } from '../api/types';

/** An audit row's before/after as the leaves that changed; a creation shows nothing but the action. */
export function diffForDisplay(before: unknown, after: unknown): FieldChange[] {
  if (before === null || before === undefined) return [];
  return diffDocuments(before, after);
}
