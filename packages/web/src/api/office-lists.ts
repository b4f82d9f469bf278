import type { ResponseOf } from '@stagegate/core/contract/route';
import type { officeContract } from '@stagegate/core/contract/office';

// The answers of the office's list routes (GET /api/v1/office/…), as the contract in core says.

export type OfficeOrganisation = ResponseOf<typeof officeContract.organisations>['organisations'][number];
export type BulkVerifyAnswer = ResponseOf<typeof officeContract.verifyOrganisations>;
export type BulkRemindAnswer = ResponseOf<typeof officeContract.remindDrafts>;
export type OfficeJob = ResponseOf<typeof officeContract.jobs>['jobs'][number];
export type JobState = OfficeJob['status'];
export type OfficeHome = ResponseOf<typeof officeContract.home>;
