import { useQuery } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../api/client';
import type { FieldIssue, LocalizedText } from '../../api/types';
import type { Verdict } from '@stagegate/core/eligibility/verdict';
import type { OrganisationType } from '@stagegate/core/organisation/organisation-type';
import type { ProposalDraft, ProposalDomain } from '@stagegate/core/application/proposal';
import type { CostShareScheme } from '@stagegate/core/program/cost-share';
import type { CallFormConfig } from '@stagegate/core/application/form-config';
import type { ApplicationStatus } from '@stagegate/core/application/application-status';

// The shapes the applications and organisations API answers with (see packages/app/src/http/routes/).
export type { Verdict } from '@stagegate/core/eligibility/verdict';
export type { OrganisationType, ProposalDraft, ProposalDomain, CallFormConfig, ApplicationStatus };

export interface Organisation {
  id: string;
  nameKo: string;
  nameEn: string;
  type: OrganisationType;
  country: string;
  registrationNo: string | null;
  revision: number;
  createdAt: string;
  myRole?: 'admin' | 'member' | null;
}

export interface OrganisationMember {
  userId: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
}

export interface CallSummary {
  program: string;
  programName: LocalizedText;
  key: string;
  name: LocalizedText;
  notice: LocalizedText | null;
  /** the briefing session and the published documents (downloadable once the call opens) */
  briefing?: { at: string; place: LocalizedText; onlineUrl?: string; notes?: LocalizedText } | null;
  documents?: { kind: 'announcement' | 'form'; title: LocalizedText; fileName: string; sha256: string; sizeBytes: number; mediaType: string }[];
  /** the office's next steps for this call */
  actions?: string[];
  receiptPrefix: string;
  opens: string;
  closes: string;
  windowOverride: { reason: string | null } | null;
  open?: boolean;
  /** the call's step (draft → open → closed → under review → results published) by the database's clock */
  state?: 'draft' | 'open' | 'closed' | 'under_review' | 'results_published';
  stateLabel?: LocalizedText;
  taskSlots?: number;
  form: CallFormConfig;
  phases: { key: string; name: LocalizedText; start: string; end: string }[];
  /** the program's openness tiers and the team's own share at each; null when it has none */
  costShare?: CostShareScheme | null;
}

/** A consortium member as the form holds it: an organisation record picked from the registry (its facts shown, never typed) and a role. */
export interface MemberDraft {
  organisationId: string;
  name: string;
  type: OrganisationType | '';
  country: string;
  registrationNo: string;
  verified: boolean;
  role: string;
  /** what the member declares it does in the task (required of a foreign member by specialized-fm) */
  purpose: string;
}

/** One registered organisation as the directory lists it for the consortium builder. */
export interface DirectoryEntry {
  id: string;
  nameKo: string;
  nameEn: string;
  type: OrganisationType;
  country: string;
  verified: boolean;
}

export const useDirectory = (q: string) =>
  useQuery({ queryKey: ['organisation-directory', q], queryFn: () => api<{ organisations: DirectoryEntry[] }>(`/api/v1/organisations/directory?q=${encodeURIComponent(q)}`) });

export interface ConsortiumDraft {
  lead: MemberDraft;
  participants: MemberDraft[];
}

export interface EligibilityOverride {
  eligible: boolean;
  reason: string;
  by: string;
  byLabel: string;
  at: string;
}

export interface Application {
  id: string;
  program: string;
  call: string;
  organisationId: string;
  status: ApplicationStatus;
  currentVersion: number;
  consortium: unknown;
  proposal: ProposalDraft;
  receiptNo: string | null;
  submittedAt: string | null;
  submittedHash: string | null;
  eligibilityOverride: EligibilityOverride | null;
  extendedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface ApplicationDetail {
  application: Application;
  attachments: Attachment[];
  call: CallSummary | null;
  permissions: { edit: boolean; submit: boolean; withdraw: boolean; reopen: boolean; overrideEligibility: boolean };
}

export interface VersionEntry {
  version: number;
  kind: 'draft' | 'conflicted' | 'submitted';
  baseVersion: number | null;
  hash: string | null;
  savedBy: string | null;
  savedAt: string;
}

export interface Receipt {
  receiptNo: string;
  applicationId: string;
  program: string;
  call: string;
  version: number;
  hash: string;
  submittedAt: string;
}

export interface EligibilityAnswer {
  eligible: boolean;
  verdict: Verdict | null;
  issues: FieldIssue[];
  override?: EligibilityOverride | null;
  frozenVerdict?: Verdict | null;
}

export interface CallTableRow {
  id: string;
  receiptNo: string | null;
  title: string | null;
  leadName: string | null;
  organisationName: string | null;
  participantCount: number;
  domain: ProposalDomain | null;
  eligible: boolean | null;
  verdictEligible: boolean | null;
  overridden: boolean;
  status: ApplicationStatus;
  submittedAt: string | null;
  updatedAt: string;
}

export interface MyApplicationRow {
  id: string;
  program: string;
  call: string;
  status: ApplicationStatus;
  title: string | null;
  receiptNo: string | null;
  currentVersion: number;
  updatedAt: string;
}

export const useCalls = () => useQuery({ queryKey: ['calls'], queryFn: () => api<{ now: string; calls: CallSummary[] }>('/api/v1/calls') });

export const useOrganisations = (enabled = true) =>
  useQuery({ queryKey: ['organisations'], enabled, queryFn: () => api<{ organisations: Organisation[] }>('/api/v1/organisations').then((r) => r.organisations) });

export const useOrganisation = (id: string | null) =>
  useQuery({
    queryKey: ['organisations', id],
    enabled: !!id,
    queryFn: () => api<{ organisation: Organisation; myRole: 'admin' | 'member' | null; members: OrganisationMember[] }>(`/api/v1/organisations/${id}`),
  });

export const useMyApplications = (enabled = true) =>
  useQuery({ queryKey: ['applications'], enabled, queryFn: () => api<{ applications: MyApplicationRow[] }>('/api/v1/applications').then((r) => r.applications) });

export const useApplication = (id: string) => useQuery({ queryKey: ['application', id], queryFn: () => api<ApplicationDetail>(`/api/v1/applications/${id}`) });

export const useVersions = (id: string) =>
  useQuery({ queryKey: ['application', id, 'versions'], queryFn: () => api<{ versions: VersionEntry[] }>(`/api/v1/applications/${id}/versions`).then((r) => r.versions) });

export const useReceipt = (id: string) => useQuery({ queryKey: ['application', id, 'receipt'], queryFn: () => api<{ receipt: Receipt }>(`/api/v1/applications/${id}/receipt`).then((r) => r.receipt) });

export const useStoredEligibility = (id: string) => useQuery({ queryKey: ['application', id, 'eligibility'], queryFn: () => api<EligibilityAnswer>(`/api/v1/applications/${id}/eligibility`) });

export const useCallTable = (program: string, call: string, filters: Record<string, string | null>) => {
  const qs = tableQuery(filters);
  return useQuery({
    queryKey: ['call-table', program, call, qs],
    enabled: !!program && !!call,
    queryFn: () => api<{ applications: CallTableRow[] }>(`/api/v1/calls/${program}/${call}/applications${qs}`).then((r) => r.applications),
  });
};

export function tableQuery(filters: Record<string, string | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export type SaveAnswer =
  | { status: 'saved'; version: number; savedAt: string }
  | { status: 'conflict'; currentVersion: number; conflictedVersion: number; current: { consortium: unknown; proposal: ProposalDraft }; message: LocalizedText }
  | { status: 'failed'; error: ApiRequestError };

/** PATCH the draft; a 409 conflict is an answer (with the current version), not an exception. */
export async function saveDraft(id: string, baseVersion: number, body: { consortium: unknown; proposal: ProposalDraft }): Promise<SaveAnswer> {
  const res = await fetch(`/api/v1/applications/${id}`, { method: 'PATCH', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ baseVersion, ...body }) });
  const json = await res.json().catch(() => null);
  if (res.ok) return { status: 'saved', version: json.version, savedAt: json.savedAt };
  const e = json?.error ?? {};
  if (res.status === 409 && e.code === 'conflict') {
    return { status: 'conflict', currentVersion: json.currentVersion, conflictedVersion: json.conflictedVersion, current: json.current, message: e.issues?.[0]?.message ?? { ko: e.message, en: e.message } };
  }
  return { status: 'failed', error: new ApiRequestError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.field, e.issues ?? []) };
}

/** Multipart upload with progress (fetch cannot report upload progress; XHR can). */
export function uploadAttachment(id: string, file: File, onProgress: (fraction: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/applications/${id}/attachments`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const json = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return null;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) resolve(json.attachment);
      else {
        const e = json?.error ?? {};
        reject(new ApiRequestError(xhr.status, e.code ?? 'error', e.message ?? xhr.statusText, e.field, e.issues ?? []));
      }
    };
    xhr.onerror = () => reject(new ApiRequestError(0, 'network', 'network error'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Submits with an idempotency key, so a retry after a lost answer gets the same receipt. */
export async function submitApplication(id: string, version: number, idempotencyKey: string): Promise<Receipt> {
  const res = await fetch(`/api/v1/applications/${id}/submit`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ version }),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiRequestError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.field, e.issues ?? []);
  }
  return json.receipt;
}

export { api, ApiRequestError };
