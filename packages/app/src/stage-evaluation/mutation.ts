import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Committed, Conflict, Invalid, Preview } from '@stagegate/core/shared/mutation';

/** Every stage-evaluation mutation answers in one of these shapes: validate → preview → commit. */
export type StageMutation<P> = Invalid | (Conflict & { currentRevision: number }) | ({ status: 'valid' } & P) | Preview<P> | Committed<P>;

export type MutationMode = 'validate' | 'preview' | 'commit';

export const invalidResult = (...issues: FieldIssue[]) => ({ status: 'invalid' as const, issues });

/** The answer of a mutation that passed validation, in the mode asked for (commit answers separately). */
export function answer<P>(mode: MutationMode, payload: P): StageMutation<P> {
  return mode === 'validate' ? { status: 'valid', ...payload } : { status: 'preview', ...payload };
}
