import type { FieldIssue } from '@stagegate/core/shared/localized';

/** Every stage-evaluation mutation answers in one of these shapes: validate → preview → commit. */
export type StageMutation<P> =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'conflict'; message: string; currentRevision: number }
  | ({ status: 'valid' } & P)
  | ({ status: 'preview' } & P)
  | ({ status: 'committed' } & P);

export type MutationMode = 'validate' | 'preview' | 'commit';

export const issue = (field: string, ko: string, en: string): FieldIssue => ({ field, message: { ko, en } });
export const invalidResult = (...issues: FieldIssue[]) => ({ status: 'invalid' as const, issues });

/** The answer of a mutation that passed validation, in the mode asked for (commit answers separately). */
export function answer<P>(mode: MutationMode, payload: P): StageMutation<P> {
  return mode === 'validate' ? { status: 'valid', ...payload } : { status: 'preview', ...payload };
}
