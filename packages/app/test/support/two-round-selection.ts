import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { signIn } from './test-context.ts';

/**
 * The specialized-fm 2025 call reviewed as its program says — documents, then a presentation — with
 * the demo's six reviewers on both rounds: the state a test of closing a round starts from.
 */
export const CALL = '/api/v1/review/calls/specialized-fm/2025-call';
export const OP = 'operator@demo.stagegate.kr';
export const NURI = 'nuri@demo.stagegate.kr';
export const reviewerEmails = ['reviewer@demo.stagegate.kr', ...[2, 3, 4, 5, 6].map((n) => `reviewer${n}@demo.stagegate.kr`)];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are read as the test needs them
export type Caller = (who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => Promise<{ status: number; body: any }>;

export interface Round {
  id: string;
  key: string;
  state: string;
  entrants: number;
  passed: number;
  left: number;
  tied: number;
  statement: { ko: string; en: string } | null;
}
export interface App {
  id: string;
  receiptNo: string;
  title: string;
}
export type Overview = { applications: App[]; rounds: Round[]; config: { revision: number; blind: boolean; conflictYears: number; aggregation: unknown } };

/** Signs in the office, 누리금융AI's applicant and the reviewers, and calls the API as one of them. */
export async function callerFor(app: FastifyInstance): Promise<Caller> {
  const cookie: Record<string, string> = {};
  for (const e of [OP, NURI, ...reviewerEmails]) cookie[e] = await signIn(app, e);
  return async (who, method, url, payload) => {
    const res = await app.inject({ method, url, payload: payload as object | undefined, headers: cookie[who] ? { cookie: cookie[who]! } : {} });
    return { status: res.statusCode, body: res.json() };
  };
}

export const overviewOf = async (call: Caller) => (await call(OP, 'GET', CALL)).body as Overview;

/** The documents are scored on the call's criteria (30/30/40), the presentation on its own (an assumption of the seed: delivery 20, feasibility 40, capacity 40). */
export const documentsSheet = (total: number) => ({
  'technical-capability': { score: (total * 3) / 10, comment: '기술 역량' },
  'development-goals': { score: (total * 3) / 10, comment: '개발 목표' },
  'marketability-impact': { score: (total * 4) / 10, comment: '파급효과' },
});
export const presentationSheet = (total: number) => ({
  delivery: { score: (total * 2) / 10, comment: '발표 전달력' },
  feasibility: { score: (total * 4) / 10, comment: '실현 가능성' },
  'execution-capacity': { score: (total * 4) / 10, comment: '수행 역량' },
});

/** Sets up the two rounds with the given documents shortlist (edited as program data, audited like any edit). */
export async function setUpTwoRounds(call: Caller, shortlist: Record<string, unknown>): Promise<{ apps: App[]; documents: Round; presentation: Round }> {
  const o = await overviewOf(call);
  const configured = await call(OP, 'PUT', `${CALL}/config`, {
    blind: o.config.blind,
    conflictYears: o.config.conflictYears,
    aggregation: o.config.aggregation,
    rounds: [
      { key: 'documents', name: { ko: '서면 평가', en: 'Document review' }, weight: 0, reviewsPerProposal: 3 },
      { key: 'presentation', name: { ko: '발표 평가', en: 'Presentation review' }, weight: 1, reviewsPerProposal: 3 },
    ],
    expectedRevision: o.config.revision,
  });
  expect(configured.status, JSON.stringify(configured.body)).toBe(200);
  const pool = (await call(OP, 'GET', `${CALL}/reviewers`)).body.reviewers as { id: string; status: string }[];
  for (const r of pool.filter((p) => p.status === 'accepted'))
    expect((await call(OP, 'PATCH', `/api/v1/review/reviewers/${r.id}`, { rounds: ['documents', 'presentation'] })).status).toBe(200);
  const program = (await call(OP, 'GET', '/api/v1/programs/specialized-fm')).body;
  const definition = structuredClone(program.definition);
  definition.calls[0].selectionRounds[0].shortlist = shortlist;
  const edited = await call(OP, 'PUT', '/api/v1/programs/specialized-fm', {
    definition,
    expectedRevision: program.revision,
    mode: 'commit',
    reason: 'test: the shortlist under test',
  });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  const after = await overviewOf(call);
  return {
    apps: after.applications,
    documents: after.rounds.find((r) => r.key === 'documents')!,
    presentation: after.rounds.find((r) => r.key === 'presentation')!,
  };
}

/** Assigns the round (a balanced run, deployed) so its reviewers can score. */
export async function assignRound(call: Caller, roundId: string) {
  const run = (await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: true })).body.run;
  expect(run.status).toBe('complete');
  expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);
  return run as { id: string; result: { assignments: [string, string][] } };
}

/** Every reviewer submits the same points for an application, so its round score is exactly the one given. */
export async function scoreAll(
  call: Caller,
  roundId: string,
  scoreOf: (applicationId: string) => number,
  sheetOf: (total: number) => Record<string, { score: number; comment: string }> = documentsSheet,
) {
  for (const who of reviewerEmails) {
    const me = (await call(who, 'GET', '/api/v1/review/me')).body;
    const mine = me.assignments.filter((a: { roundId: string; conflicted: boolean }) => a.roundId === roundId && !a.conflicted);
    if (!mine.length) continue;
    expect((await call(who, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true })).status).toBe(200);
    for (const a of mine) {
      const res = await call(who, 'PUT', `/api/v1/review/me/rounds/${roundId}/applications/${a.applicationId}/sheet`, {
        scores: sheetOf(scoreOf(a.applicationId)),
        mode: 'submit',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }
}
