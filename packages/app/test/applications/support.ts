import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { signIn } from '../support/test-context.ts';
import { confirmEmail } from '../support/confirm-email.ts';
import { demoRegistrationNo } from '../../src/seed/demo-applications.ts';
import { databaseNow } from '../../src/db/clock.ts';
import type { ProposalDraft } from '@stagegate/core/application/proposal';

export const PROGRAM = 'specialized-fm';
export const CALL = '2025-call';

/**
 * Signs up a fresh applicant through better-auth, confirms the address by the link in the mail
 * sign-up queued, then signs in as the web does, and returns the session cookie.
 */
export async function signUp(t: { app: FastifyInstance; ctx: AppContext }, email: string, opts: { confirm?: boolean } = {}): Promise<string> {
  const app = t.app;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    payload: { email, password: 'applicant-pass-1', name: email },
    headers: { origin: 'http://localhost:3000' },
  });
  if (res.statusCode !== 200) throw new Error(`sign-up ${email}: ${res.statusCode} ${res.body}`);
  if (opts.confirm !== false) await confirmEmail(t, email);
  return signIn(app, email, 'applicant-pass-1');
}

let serial = 0;
/** A registration number no other test organisation has (valid checksum). */
export function freshRegistrationNo(): string {
  serial++;
  return demoRegistrationNo(`5${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(5, '0')}`);
}

/** Opens the call from an hour before to an hour after now by the database's clock, as the office does (audited, with a reason). */
export async function openCallAroundNow(t: { ctx: AppContext }, operator: Api, reason: string): Promise<void> {
  const now = await databaseNow(t.ctx.db);
  const at = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
  const res = await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { opens: at(-60), closes: at(60), reason });
  if (res.status !== 200) throw new Error(`open the call: ${res.status} ${JSON.stringify(res.body)}`);
}

export function api(app: FastifyInstance, cookie: string) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method, url, payload: payload as object | undefined, headers: { cookie, ...headers } });
    return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, raw: res };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => call('POST', url, payload ?? {}, headers),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    del: (url: string) => call('DELETE', url),
  };
}
export type Api = ReturnType<typeof api>;

export async function createOrganisation(a: Api, over: Record<string, unknown> = {}): Promise<{ id: string; nameKo: string; registrationNo: string }> {
  const res = await a.post('/api/v1/organisations', {
    nameKo: `테스트AI ${serial}`,
    nameEn: `Test AI ${serial}`,
    type: 'startup',
    country: 'KR',
    registrationNo: freshRegistrationNo(),
    ...over,
  });
  if (res.status !== 201) throw new Error(`create organisation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.organisation;
}

/** A university registered in the registry, as a consortium names it: its record's id and a role. */
export async function university(a: Api, role = 'data'): Promise<{ organisationId: string; role: string }> {
  const org = await createOrganisation(a, { nameKo: `한빛대학교 ${serial + 1}`, nameEn: `Hanbit University ${serial + 1}`, type: 'university' });
  return { organisationId: org.id, role };
}

export const completeProposal = (title = '의료 특화 모델'): ProposalDraft => ({
  title,
  domain: 'medical',
  summary: '요약',
  developmentGoals: '개발 목표',
  stageGoals: [{ metric: 'KorMedMCQA', target: '≥ 80%', dueDate: '2026-03-31' }],
  gpuRequest: [{ phaseKey: 'phase-1', gpus: 256 }],
  openSourcePlan: { what: 'weights', licence: 'Apache-2.0' },
});

/** A draft for an organisation of the caller, saved with an eligible consortium and a complete proposal; returns its id and version. */
export async function readyApplication(
  a: Api,
  org: { id: string; nameKo: string; registrationNo: string },
  title?: string,
): Promise<{ id: string; version: number }> {
  const created = await a.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id });
  if (created.status !== 201) throw new Error(`create application: ${created.status} ${JSON.stringify(created.body)}`);
  const app = created.body.application;
  const saved = await a.patch(`/api/v1/applications/${app.id}`, {
    baseVersion: app.currentVersion,
    consortium: { participants: [await university(a)] },
    proposal: completeProposal(title),
  });
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
  return { id: app.id, version: saved.body.version };
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipart(fileName: string, bytes: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----stagegate' + Math.abs(bytes.length * 7919 + fileName.length).toString(16);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function samplePdf(extraBytes = 0): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(extraBytes, 0x20), Buffer.from('\n%%EOF\n')]);
}
