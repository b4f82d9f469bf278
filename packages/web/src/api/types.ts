// The API's types, shared with the server by import only (erased at build time).
export type { ProgramDefinition, Phase, Call, StageComponent } from '@stagegate/core/program/definition';
export type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { ResponseOf } from '@stagegate/core/contract/route';
import type { accountsContract } from '@stagegate/core/contract/accounts';
export type { FieldChange } from '@stagegate/core/shared/diff';

/** The signed-in account (`GET /api/v1/me`), as the contract says. */
export type Actor = NonNullable<ResponseOf<typeof accountsContract.me>['actor']>;
