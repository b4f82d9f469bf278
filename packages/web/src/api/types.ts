// The API's types, shared with the server by import only (erased at build time).
export type { ProgramDefinition, Phase, Call, StageComponent } from '@stagegate/core/program/definition';
export type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
export type { FieldChange } from '@stagegate/core/shared/diff';

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: 'operator' | 'applicant' | 'reviewer' | 'evaluator';
  /** false until the account opens the link of its confirmation mail */
  emailVerified?: boolean;
}

