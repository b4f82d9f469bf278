import type { LocalizedText } from './types';

// The answers of the office's list routes (GET /api/v1/office/…), as the web reads them.

export interface OfficePage {
  total: number;
  page: number;
  pageSize: number;
}

export type ApplicationStatus = 'draft' | 'submitted' | 'withdrawn';

export interface OfficeApplication {
  id: string;
  program: string;
  call: string;
  receiptNo: string | null;
  title: string | null;
  organisationName: string;
  organisationNameEn: string | null;
  status: ApplicationStatus;
  eligible: boolean | null;
  overridden: boolean;
  submittedAt: string | null;
  updatedAt: string;
}

export interface OfficeOrganisation {
  id: string;
  nameKo: string;
  nameEn: string | null;
  type: string;
  registrationNo: string | null;
  verificationStatus: 'verified' | 'unverified';
  verifiedAt: string | null;
  revision: number;
}

export interface BulkVerifyAnswer {
  status: 'preview' | 'committed' | 'refused';
  changed: number;
  items: {
    id: string;
    nameKo: string | null;
    nameEn: string | null;
    before: 'verified' | 'unverified' | null;
    after: 'verified' | 'unverified';
    outcome: 'change' | 'unchanged' | 'stale' | 'missing';
  }[];
}

export interface BulkRemindAnswer {
  status: 'preview' | 'committed';
  applications: number;
  recipients: number;
  items: {
    id: string;
    title: string | null;
    organisationName: string | null;
    call: LocalizedText | null;
    closesAt: string | null;
    outcome: 'send' | 'not-draft' | 'call-closed' | 'no-recipients' | 'missing';
    recipients: { name: string; email: string }[];
  }[];
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface OfficeJob {
  id: string;
  kind: string;
  status: JobState;
  progress: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface OfficeUsageRow {
  day: string;
  account: string;
  clusterUsername: string;
  gpuHours: number;
  jobs: number;
}
