import { useQuery } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../api/client';
import { call, pathOf } from '../../api/contract-client';
import type { LocalizedText } from '../../api/types';
import type { BodyOf, ResponseOf } from '@stagegate/core/contract/route';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { callsContract as calls } from '@stagegate/core/contract/calls';
import { organisationsContract as orgs } from '@stagegate/core/contract/organisations';
import type { OrganisationType } from '@stagegate/core/organisation/organisation-type';
import type { ProposalDraft, ProposalDomain } from '@stagegate/core/application/proposal';
import type { CallFormConfig } from '@stagegate/core/application/form-config';
import type { ApplicationStatus } from '@stagegate/core/application/application-status';

// The applications and organisations API's answers, as its contract in core says.
export type { OrganisationType, ProposalDraft, ProposalDomain, CallFormConfig, ApplicationStatus };

export type Organisation = ResponseOf<typeof orgs.get>['organisation'];
export type CallSummary = ResponseOf<typeof calls.get>['call'];
export type ApplicationDetail = ResponseOf<typeof apps.get>;
export type Application = ApplicationDetail['application'];
export type Attachment = ApplicationDetail['attachments'][number];
export type EligibilityOverride = NonNullable<Application['eligibilityOverride']>;
export type VersionEntry = ResponseOf<typeof apps.versions>['versions'][number];
export type Receipt = ResponseOf<typeof apps.receipt>['receipt'];
type LiveVerdict = ResponseOf<typeof apps.checkEligibility>;
/** An eligibility verdict as the API sends it (a stored one may predate some fields). */
export type Verdict = NonNullable<ResponseOf<typeof apps.eligibility>['frozenVerdict']>;
/** A verdict as the form shows it: live for a consortium being edited; a stored application's adds the office's override and the verdict frozen at submission. */
export type EligibilityAnswer = LiveVerdict & Partial<Omit<ResponseOf<typeof apps.eligibility>, keyof LiveVerdict>>;
/** What submitting would freeze, as the server previews it. */
export type SubmitPreview = Extract<ResponseOf<typeof apps.submit>, { status: 'preview' }>;

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

export interface ConsortiumDraft {
  lead: MemberDraft;
  participants: MemberDraft[];
}

export const useDirectory = (q: string) => useQuery({ queryKey: ['organisation-directory', q], queryFn: () => call(orgs.directory, { query: { q } }) });

export const useCalls = () => useQuery({ queryKey: ['calls'], queryFn: () => call(calls.list) });

export const useOrganisations = (enabled = true) =>
  useQuery({ queryKey: ['organisations'], enabled, queryFn: () => call(orgs.list).then((r) => r.organisations) });

export const useOrganisation = (id: string | null) =>
  useQuery({ queryKey: ['organisations', id], enabled: !!id, queryFn: () => call(orgs.get, { params: { id: id! } }) });

export const useMyApplications = (enabled = true) =>
  useQuery({ queryKey: ['applications'], enabled, queryFn: () => call(apps.list).then((r) => r.applications) });

export const useApplication = (id: string) => useQuery({ queryKey: ['application', id], queryFn: () => call(apps.get, { params: { id } }) });

export const useVersions = (id: string) =>
  useQuery({ queryKey: ['application', id, 'versions'], queryFn: () => call(apps.versions, { params: { id } }).then((r) => r.versions) });

export const useReceipt = (id: string) =>
  useQuery({ queryKey: ['application', id, 'receipt'], queryFn: () => call(apps.receipt, { params: { id } }).then((r) => r.receipt) });

export const useStoredEligibility = (id: string) =>
  useQuery({ queryKey: ['application', id, 'eligibility'], queryFn: () => call(apps.eligibility, { params: { id } }) });

/** Starts a draft for a call on behalf of one of my organisations, which leads it (the answer is 201 with the draft). */
export const startApplication = (body: BodyOf<typeof apps.create>) =>
  api<ResponseOf<typeof apps.create, 201>>(apps.create.path, { method: apps.create.method, body });

/** Registers an organisation; its creator becomes its admin (the answer is 201 with the record). */
export const registerOrganisation = (body: BodyOf<typeof orgs.create>) =>
  api<ResponseOf<typeof orgs.create, 201>>(orgs.create.path, { method: orgs.create.method, body });

/** The office's table filters that are set (an empty one is left out of the address). */
const tableFilters = (filters: Record<string, string | null>) => Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;

export const useCallTable = (program: string, callKey: string, filters: Record<string, string | null>) => {
  const query = tableFilters(filters);
  return useQuery({
    queryKey: ['call-table', program, callKey, query],
    enabled: !!program && !!callKey,
    queryFn: () => call(calls.applications, { params: { program, call: callKey }, query }).then((r) => r.applications),
  });
};

/** The same table as an Excel workbook, for a download link. */
export const callTableExportUrl = (program: string, callKey: string, filters: Record<string, string | null>) =>
  pathOf(calls.export, { params: { program, call: callKey }, query: tableFilters(filters) });

type SaveConflict = Extract<ResponseOf<typeof apps.save, 409>, { currentVersion: number }>;

export type SaveAnswer =
  | ({ status: 'saved' } & ResponseOf<typeof apps.save>)
  | ({ status: 'conflict'; message: LocalizedText } & Pick<SaveConflict, 'currentVersion' | 'conflictedVersion' | 'current'>)
  | { status: 'failed'; error: ApiRequestError };

/** PATCH the draft; a 409 conflict is an answer (with the current version), not an exception. */
export async function saveDraft(id: string, baseVersion: number, body: { consortium: unknown; proposal: ProposalDraft }): Promise<SaveAnswer> {
  const res = await fetch(pathOf(apps.save, { params: { id } }), {
    method: 'PATCH',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion, ...body }),
  });
  const json = await res.json().catch(() => null);
  if (res.ok) return { status: 'saved', version: json.version, savedAt: json.savedAt };
  const e = json?.error ?? {};
  if (res.status === 409 && e.code === 'conflict') {
    return {
      status: 'conflict',
      currentVersion: json.currentVersion,
      conflictedVersion: json.conflictedVersion,
      current: json.current,
      message: e.issues?.[0]?.message ?? { ko: e.message, en: e.message },
    };
  }
  return { status: 'failed', error: new ApiRequestError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.field, e.issues ?? []) };
}

/** Asks what submitting the version would freeze; nothing is submitted (the editor shows drafts only, so the answer is a preview, not a receipt). */
export const previewSubmission = (id: string, version: number) =>
  call(apps.submit, { params: { id }, body: { version, mode: 'preview' } }) as Promise<SubmitPreview>;

/** Multipart upload with progress (fetch cannot report upload progress; XHR can). */
export function uploadAttachment(id: string, file: File, onProgress: (fraction: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', pathOf(apps.uploadAttachment, { params: { id } }));
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
      if (xhr.status >= 200 && xhr.status < 300) resolve((json as ResponseOf<typeof apps.uploadAttachment, 201>).attachment);
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
  const res = await fetch(pathOf(apps.submit, { params: { id } }), {
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
  return (json as ResponseOf<typeof apps.submit, 201>).receipt;
}

export { api, ApiRequestError };
