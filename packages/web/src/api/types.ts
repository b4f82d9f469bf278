// The API's types, shared with the server by import only (erased at build time).
export type { ProgramDefinition, Phase, Call, StageComponent } from '@stagegate/core/program/definition';
export type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { LocalizedText as Localized } from '@stagegate/core/shared/localized';
import type { ResponseOf } from '@stagegate/core/contract/route';
import type { accountsContract } from '@stagegate/core/contract/accounts';
export type { FieldChange } from '@stagegate/core/shared/diff';

/** The signed-in account (`GET /api/v1/me`), as the contract says. */
export type Actor = NonNullable<ResponseOf<typeof accountsContract.me>['actor']>;

export interface AuditEntry {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** the actor as recorded, split: null for the system */
  actor: { email: string; role: string } | null;
  /** what readers call the object (a receipt number and title, a task's number and name), when it has a name */
  objectName: Localized | null;
}
