import type { Role } from '../src/auth/actor.ts';

export type Who = Role | 'anonymous';
export const everyone: Who[] = ['anonymous', 'applicant', 'reviewer', 'evaluator', 'operator'];
export const signedIn: Who[] = ['applicant', 'reviewer', 'evaluator', 'operator'];

/** an id no object has: routes that need an object answer 404 to those allowed to ask */
const NO_ID = '00000000-0000-4000-8000-000000000000';

export interface MatrixEntry {
  /** a concrete path for the route (params filled in) */
  path: string;
  payload?: unknown;
  allow: Who[];
}

/**
 * Every API route × every role → allowed or not. A route missing here fails the test, so a new
 * route cannot ship without someone deciding who may call it.
 */
export const authorizationMatrix: Record<string, MatrixEntry> = {
  'GET /api/v1/health': { path: '/api/v1/health', allow: everyone },
  'GET /api/v1/me': { path: '/api/v1/me', allow: everyone },
  'GET /api/v1/programs': { path: '/api/v1/programs', allow: everyone },
  'GET /api/v1/programs/:slug': { path: '/api/v1/programs/k-ai', allow: everyone },
  'PUT /api/v1/programs/:slug': { path: '/api/v1/programs/k-ai', payload: { definition: {}, expectedRevision: 1, mode: 'preview' }, allow: ['operator'] },
  'POST /api/v1/programs': { path: '/api/v1/programs', payload: { definition: {}, mode: 'preview' }, allow: ['operator'] },
  'GET /api/v1/audit': { path: '/api/v1/audit', allow: ['operator'] },
  'GET /api/v1/audit/verify': { path: '/api/v1/audit/verify', allow: ['operator'] },
  'GET /api/v1/audit/facets': { path: '/api/v1/audit/facets', allow: ['operator'] },
  'GET /api/v1/office/home': { path: '/api/v1/office/home', allow: ['operator'] },
  // the office's lists across programs (issue 15 item 6): the office only
  'GET /api/v1/office/applications': { path: '/api/v1/office/applications?q=x&pageSize=5', allow: ['operator'] },
  'GET /api/v1/office/applications/export': { path: '/api/v1/office/applications/export?status=withdrawn', allow: ['operator'] },
  'GET /api/v1/office/organisations': { path: '/api/v1/office/organisations?verification=unverified', allow: ['operator'] },
  'POST /api/v1/office/organisations/verification': {
    path: '/api/v1/office/organisations/verification',
    payload: { organisations: [{ id: NO_ID, expectedRevision: 1 }], verified: true, mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/office/applications/reminders': {
    path: '/api/v1/office/applications/reminders',
    payload: { applications: [NO_ID], mode: 'preview' },
    allow: ['operator'],
  },
  'GET /api/v1/office/jobs': { path: '/api/v1/office/jobs?state=failed', allow: ['operator'] },
  'GET /api/v1/office/usage': { path: '/api/v1/office/usage?pageSize=5', allow: ['operator'] },
  // the office picks a stage panel or arena evaluators from accounts of that role (issue 15 item 1)
  'GET /api/v1/accounts': { path: '/api/v1/accounts?role=evaluator', allow: ['operator'] },
  // organisations (issue 3)
  'GET /api/v1/organisations': { path: '/api/v1/organisations', allow: ['applicant', 'operator'] },
  'POST /api/v1/organisations': { path: '/api/v1/organisations', payload: {}, allow: ['applicant'] },
  'GET /api/v1/organisations/:id': { path: `/api/v1/organisations/${NO_ID}`, allow: ['applicant', 'operator'] },
  'PATCH /api/v1/organisations/:id': { path: `/api/v1/organisations/${NO_ID}`, payload: { expectedRevision: 1 }, allow: ['applicant', 'operator'] },
  'POST /api/v1/organisations/:id/members': {
    path: `/api/v1/organisations/${NO_ID}/members`,
    payload: { email: 'x@demo.stagegate.kr', role: 'member' },
    allow: ['applicant', 'operator'],
  },
  // the registry: directory of records for consortia, verification by the office (issue 13 item 1)
  'GET /api/v1/organisations/directory': { path: '/api/v1/organisations/directory?q=x', allow: ['applicant', 'operator'] },
  'POST /api/v1/organisations/:id/verification': {
    path: `/api/v1/organisations/${NO_ID}/verification`,
    payload: { verified: true, reason: 'matrix', expectedRevision: 1, mode: 'preview' },
    allow: ['operator'],
  },
  'DELETE /api/v1/organisations/:id/members/:userId': { path: `/api/v1/organisations/${NO_ID}/members/nobody`, allow: ['applicant', 'operator'] },
  'GET /api/v1/organisation-invitations': { path: '/api/v1/organisation-invitations', allow: ['applicant', 'operator'] },
  'POST /api/v1/organisation-invitations/:id/response': {
    path: `/api/v1/organisation-invitations/${NO_ID}/response`,
    payload: { accept: false },
    allow: ['applicant'],
  },
  // calls, applications, eligibility (issue 3); object-level checks follow in the handlers
  'GET /api/v1/calls': { path: '/api/v1/calls', allow: everyone },
  'GET /api/v1/calls/:program/:call': { path: '/api/v1/calls/specialized-fm/2025-call', allow: everyone },
  'PUT /api/v1/calls/:program/:call/settings': { path: '/api/v1/calls/no-program/no-call/settings', payload: { reason: 'matrix' }, allow: ['operator'] },
  // the call's steps (issue 13 item 2): the office's alone
  'POST /api/v1/calls/:program/:call/state': {
    path: '/api/v1/calls/no-program/no-call/state',
    payload: { action: 'close', reason: 'matrix', mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/programs/:slug/call-documents': { path: '/api/v1/programs/specialized-fm/call-documents', payload: {}, allow: ['operator'] },
  'GET /api/v1/calls/:program/:call/documents/:sha256': { path: `/api/v1/calls/specialized-fm/2025-call/documents/${'a'.repeat(64)}`, allow: everyone },
  'GET /api/v1/public/selection-results': { path: '/api/v1/public/selection-results', allow: everyone },
  'GET /api/v1/calls/:program/:call/applications': { path: '/api/v1/calls/specialized-fm/2025-call/applications', allow: ['operator'] },
  'GET /api/v1/calls/:program/:call/applications/export': { path: '/api/v1/calls/specialized-fm/2025-call/applications/export', allow: ['operator'] },
  'POST /api/v1/eligibility/check': {
    path: '/api/v1/eligibility/check',
    payload: { program: 'specialized-fm', consortium: {} },
    allow: ['applicant', 'operator'],
  },
  'GET /api/v1/applications': { path: '/api/v1/applications', allow: ['applicant', 'operator'] },
  'POST /api/v1/applications': {
    path: '/api/v1/applications',
    payload: { program: 'specialized-fm', call: '2025-call', organisationId: NO_ID },
    allow: ['applicant'],
  },
  'GET /api/v1/applications/:id': { path: `/api/v1/applications/${NO_ID}`, allow: ['applicant', 'operator'] },
  'GET /api/v1/applications/:id/history': { path: `/api/v1/applications/${NO_ID}/history`, allow: ['applicant', 'operator'] },
  'PATCH /api/v1/applications/:id': { path: `/api/v1/applications/${NO_ID}`, payload: { baseVersion: 1 }, allow: ['applicant', 'operator'] },
  'GET /api/v1/applications/:id/versions': { path: `/api/v1/applications/${NO_ID}/versions`, allow: ['applicant', 'operator'] },
  'GET /api/v1/applications/:id/versions/:version': { path: `/api/v1/applications/${NO_ID}/versions/1`, allow: ['applicant', 'operator'] },
  'POST /api/v1/applications/:id/versions/:version/restore': {
    path: `/api/v1/applications/${NO_ID}/versions/1/restore`,
    payload: { baseVersion: 1 },
    allow: ['applicant', 'operator'],
  },
  'GET /api/v1/applications/:id/eligibility': { path: `/api/v1/applications/${NO_ID}/eligibility`, allow: ['applicant', 'operator'] },
  'PUT /api/v1/applications/:id/eligibility-override': {
    path: `/api/v1/applications/${NO_ID}/eligibility-override`,
    payload: { eligible: true, reason: 'matrix' },
    allow: ['operator'],
  },
  'POST /api/v1/applications/:id/attachments': { path: `/api/v1/applications/${NO_ID}/attachments`, allow: ['applicant', 'operator'] },
  'GET /api/v1/applications/:id/attachments/:attachmentId': { path: `/api/v1/applications/${NO_ID}/attachments/${NO_ID}`, allow: ['applicant', 'operator'] },
  'DELETE /api/v1/applications/:id/attachments/:attachmentId': { path: `/api/v1/applications/${NO_ID}/attachments/${NO_ID}`, allow: ['applicant', 'operator'] },
  'POST /api/v1/applications/:id/submit': { path: `/api/v1/applications/${NO_ID}/submit`, payload: { version: 1 }, allow: ['applicant', 'operator'] },
  'GET /api/v1/applications/:id/receipt': { path: `/api/v1/applications/${NO_ID}/receipt`, allow: ['applicant', 'operator'] },
  'GET /api/v1/applications/:id/receipt/download': { path: `/api/v1/applications/${NO_ID}/receipt/download`, allow: ['applicant', 'operator'] },
  'POST /api/v1/applications/:id/withdraw': { path: `/api/v1/applications/${NO_ID}/withdraw`, payload: {}, allow: ['applicant', 'operator'] },
  'POST /api/v1/applications/:id/reopen': { path: `/api/v1/applications/${NO_ID}/reopen`, payload: { reason: 'matrix' }, allow: ['operator'] },
  // benchmark evaluation (issue 6): catalog public; results to the office, evaluators and the task's own members (checked per task)
  'GET /api/v1/evaluation/catalog': { path: '/api/v1/evaluation/catalog?program=k-ai', allow: everyone },
  'GET /api/v1/evaluation/tasks': { path: '/api/v1/evaluation/tasks', allow: ['applicant', 'evaluator', 'operator'] },
  'GET /api/v1/evaluation/tasks/:taskId': { path: `/api/v1/evaluation/tasks/${NO_ID}`, allow: ['applicant', 'evaluator', 'operator'] },
  'POST /api/v1/evaluation/tasks/:taskId/imports': { path: `/api/v1/evaluation/tasks/${NO_ID}/imports`, allow: ['evaluator', 'operator'] },
  'POST /api/v1/evaluation/tasks/:taskId/suite-runs': {
    path: `/api/v1/evaluation/tasks/${NO_ID}/suite-runs`,
    payload: { suite: 'stage-1', endpoint: 'http://127.0.0.1:9', model: 'm', suiteFile: 'x.json', mode: 'preview' },
    allow: ['evaluator', 'operator'],
  },
  'GET /api/v1/evaluation/jobs/:jobId': { path: `/api/v1/evaluation/jobs/${NO_ID}`, allow: ['evaluator', 'operator'] },
  // model endpoints the server may call (issue 12 item 6): the office only
  'GET /api/v1/programs/:slug/model-endpoints': { path: '/api/v1/programs/k-ai/model-endpoints', allow: ['operator'] },
  'POST /api/v1/programs/:slug/model-endpoints': {
    path: '/api/v1/programs/k-ai/model-endpoints',
    payload: { url: 'https://models.example/v1', label: 'matrix', mode: 'preview' },
    allow: ['operator'],
  },
  'DELETE /api/v1/model-endpoints/:id': { path: `/api/v1/model-endpoints/${NO_ID}`, payload: { mode: 'preview' }, allow: ['operator'] },
  // originality evidence (issue 8): the office and evaluators only
  'GET /api/v1/provenance/checkpoints': { path: '/api/v1/provenance/checkpoints', allow: ['evaluator', 'operator'] },
  'POST /api/v1/provenance/uploads': { path: '/api/v1/provenance/uploads', allow: ['evaluator', 'operator'] },
  'GET /api/v1/provenance/comparisons': { path: '/api/v1/provenance/comparisons', allow: ['evaluator', 'operator'] },
  'POST /api/v1/provenance/comparisons': {
    path: '/api/v1/provenance/comparisons',
    payload: { candidate: '../outside', references: [], mode: 'preview' },
    allow: ['evaluator', 'operator'],
  },
  'GET /api/v1/provenance/comparisons/:id': { path: `/api/v1/provenance/comparisons/${NO_ID}`, allow: ['evaluator', 'operator'] },
  'GET /api/v1/provenance/comparisons/:id/report.html': { path: `/api/v1/provenance/comparisons/${NO_ID}/report.html`, allow: ['evaluator', 'operator'] },
  'POST /api/v1/provenance/comparisons/:id/evidence': {
    path: `/api/v1/provenance/comparisons/${NO_ID}/evidence`,
    payload: { taskId: NO_ID, stageKey: 'stage-1', gateKey: 'originality' },
    allow: ['evaluator', 'operator'],
  },
  'GET /api/v1/provenance/tasks/:taskId/evidence': { path: `/api/v1/provenance/tasks/${NO_ID}/evidence`, allow: ['evaluator', 'operator'] },
  // stage evaluations (issue 7); the office enters every input; a reviewer reaches an evaluation only from a panel seat (issue 12 item 1, checked in the handlers)
  'GET /api/v1/stage-evaluations': { path: '/api/v1/stage-evaluations', allow: ['reviewer', 'operator'] },
  'POST /api/v1/stage-evaluations': {
    path: '/api/v1/stage-evaluations',
    payload: { program: 'no-program', stageKey: 'stage-1', periodStart: '2026-01-05', periodEnd: '2026-01-15', mode: 'validate' },
    allow: ['operator'],
  },
  'GET /api/v1/stage-evaluations/:id': { path: `/api/v1/stage-evaluations/${NO_ID}`, allow: ['reviewer', 'operator'] },
  'POST /api/v1/stage-evaluations/:id/scheme-versions': {
    path: `/api/v1/stage-evaluations/${NO_ID}/scheme-versions`,
    payload: { scheme: {}, reason: { ko: 'm', en: 'm' }, expectedRevision: 1, mode: 'validate' },
    allow: ['operator'],
  },
  'PUT /api/v1/stage-evaluations/:id/measurements': {
    path: `/api/v1/stage-evaluations/${NO_ID}/measurements`,
    payload: { entries: [{ team: 'x', component: 'y', value: 1 }], mode: 'validate' },
    allow: ['operator'],
  },
  'POST /api/v1/stage-evaluations/:id/measurements/import': {
    path: `/api/v1/stage-evaluations/${NO_ID}/measurements/import`,
    payload: { csv: 'team,component,value\nx,y,1', mode: 'validate' },
    allow: ['operator'],
  },
  'POST /api/v1/stage-evaluations/:id/pulls/benchmarks': {
    path: `/api/v1/stage-evaluations/${NO_ID}/pulls/benchmarks`,
    payload: { mode: 'validate' },
    allow: ['operator'],
  },
  'POST /api/v1/stage-evaluations/:id/pulls/user-evaluation': {
    path: `/api/v1/stage-evaluations/${NO_ID}/pulls/user-evaluation`,
    payload: { mode: 'validate' },
    allow: ['operator'],
  },
  'GET /api/v1/stage-evaluations/:id/gate-evidence/:evidenceId/report.html': {
    path: `/api/v1/stage-evaluations/${NO_ID}/gate-evidence/${NO_ID}/report.html`,
    allow: ['operator'],
  },
  'PUT /api/v1/stage-evaluations/:id/experts': {
    path: `/api/v1/stage-evaluations/${NO_ID}/experts`,
    payload: { seats: [], mode: 'validate' },
    allow: ['operator'],
  },
  'PUT /api/v1/stage-evaluations/:id/expert-scores': {
    path: `/api/v1/stage-evaluations/${NO_ID}/expert-scores`,
    payload: { entries: [{ team: 'x', component: 'y', expert: 'A', score: 1 }], mode: 'validate' },
    allow: ['reviewer', 'operator'],
  },
  'GET /api/v1/stage-evaluations/:id/teams/:team': { path: `/api/v1/stage-evaluations/${NO_ID}/teams/x`, allow: ['applicant', 'operator'] },
  'GET /api/v1/stage-evaluations/:id/teams/:team/letter.pdf': {
    path: `/api/v1/stage-evaluations/${NO_ID}/teams/x/letter.pdf`,
    allow: ['applicant', 'operator'],
  },
  'PUT /api/v1/stage-evaluations/:id/teams/:team/goals': {
    path: `/api/v1/stage-evaluations/${NO_ID}/teams/x/goals`,
    payload: { component: 'stage-goals', goals: [], mode: 'validate' },
    allow: ['operator'],
  },
  'PUT /api/v1/stage-evaluations/:id/teams/:team/gates/:gate/declaration': {
    path: `/api/v1/stage-evaluations/${NO_ID}/teams/x/gates/originality/declaration`,
    payload: { items: {}, statement: 'm', evidence: [], mode: 'validate' },
    allow: ['applicant', 'operator'],
  },
  'PUT /api/v1/stage-evaluations/:id/teams/:team/gates/:gate/ruling': {
    path: `/api/v1/stage-evaluations/${NO_ID}/teams/x/gates/originality/ruling`,
    payload: { passed: true, reason: { ko: 'matrix' }, mode: 'validate' },
    allow: ['operator'],
  },
  'POST /api/v1/stage-evaluations/:id/decision': {
    path: `/api/v1/stage-evaluations/${NO_ID}/decision`,
    payload: { expectedRevision: 1, mode: 'validate' },
    allow: ['operator'],
  },
  'POST /api/v1/stage-evaluations/:id/publish': { path: `/api/v1/stage-evaluations/${NO_ID}/publish`, payload: { mode: 'validate' }, allow: ['operator'] },
  'POST /api/v1/stage-evaluations/:id/appeals': {
    path: `/api/v1/stage-evaluations/${NO_ID}/appeals`,
    payload: { team: 'x', grounds: 'matrix', mode: 'validate' },
    allow: ['applicant', 'operator'],
  },
  'POST /api/v1/stage-evaluations/:id/appeals/:appealId/resolution': {
    path: `/api/v1/stage-evaluations/${NO_ID}/appeals/${NO_ID}/resolution`,
    payload: { outcome: 'rejected', reason: 'matrix', mode: 'validate' },
    allow: ['operator'],
  },
  'GET /api/v1/my/stage-evaluation-teams': { path: '/api/v1/my/stage-evaluation-teams', allow: ['applicant', 'operator'] },
  'GET /api/v1/public/stage-evaluations': { path: '/api/v1/public/stage-evaluations', allow: everyone },
  'GET /api/v1/public/stage-evaluations/:id': { path: `/api/v1/public/stage-evaluations/${NO_ID}`, allow: everyone },
  'GET /api/v1/public/stage-evaluations/:id/results.xlsx': { path: `/api/v1/public/stage-evaluations/${NO_ID}/results.xlsx`, allow: everyone },
  'GET /api/v1/public/stage-evaluations/:id/report.pdf': { path: `/api/v1/public/stage-evaluations/${NO_ID}/report.pdf`, allow: everyone },
  // published result bundles (issue 18): public once the result is published
  'GET /api/v1/public/result-bundles': { path: '/api/v1/public/result-bundles', allow: everyone },
  'GET /api/v1/public/result-bundles/:id/bundle.zip': { path: `/api/v1/public/result-bundles/${NO_ID}/bundle.zip`, allow: everyone },
  'GET /api/v1/public/result-bundles/:id/manifest.json': { path: `/api/v1/public/result-bundles/${NO_ID}/manifest.json`, allow: everyone },
  'GET /api/v1/public/result-bundles/:id/manifest.sig': { path: `/api/v1/public/result-bundles/${NO_ID}/manifest.sig`, allow: everyone },
  // allocations, change requests, task blocking, usage (issue 5)
  'GET /api/v1/programs/:slug/allocations': { path: '/api/v1/programs/specialized-fm/allocations', allow: signedIn },
  'POST /api/v1/programs/:slug/allocations': {
    path: '/api/v1/programs/specialized-fm/allocations',
    payload: { mode: 'preview', allocation: { taskId: NO_ID, poolKey: 'b200-pool', phaseKey: 'phase-2', gpus: 8, start: '2026-04-01', end: '2026-04-30' } },
    allow: ['operator'],
  },
  'PATCH /api/v1/allocations/:id': { path: `/api/v1/allocations/${NO_ID}`, payload: { mode: 'preview', gpus: 8 }, allow: ['operator'] },
  'DELETE /api/v1/allocations/:id': { path: `/api/v1/allocations/${NO_ID}`, payload: { mode: 'preview', reason: 'matrix' }, allow: ['operator'] },
  'GET /api/v1/programs/:slug/allocation-ledger': { path: '/api/v1/programs/specialized-fm/allocation-ledger', allow: ['operator'] },
  'GET /api/v1/programs/:slug/change-requests': { path: '/api/v1/programs/specialized-fm/change-requests', allow: ['applicant', 'operator'] },
  'POST /api/v1/programs/:slug/change-requests': {
    path: '/api/v1/programs/specialized-fm/change-requests',
    payload: { mode: 'preview', reason: 'matrix', request: { kind: 'supplement', allocationId: NO_ID, addGpus: 8 } },
    allow: ['applicant', 'operator'],
  },
  'POST /api/v1/change-requests/:id/approve': { path: `/api/v1/change-requests/${NO_ID}/approve`, payload: { mode: 'preview' }, allow: ['operator'] },
  'POST /api/v1/change-requests/:id/reject': { path: `/api/v1/change-requests/${NO_ID}/reject`, payload: { reason: 'matrix' }, allow: ['operator'] },
  // a task's people (issue 15 item 1): the office manages; a member reads its own team (checked in the handler)
  'GET /api/v1/task-invitations': { path: '/api/v1/task-invitations', allow: signedIn },
  'POST /api/v1/task-invitations/:id/response': {
    path: `/api/v1/task-invitations/${NO_ID}/response`,
    payload: { accept: false, mode: 'preview' },
    allow: signedIn,
  },
  'GET /api/v1/tasks/:id/members': { path: `/api/v1/tasks/${NO_ID}/members`, allow: ['applicant', 'operator'] },
  'POST /api/v1/tasks/:id/members': {
    path: `/api/v1/tasks/${NO_ID}/members`,
    payload: { email: 'x@demo.stagegate.kr', role: 'member', mode: 'preview' },
    allow: ['operator'],
  },
  'PUT /api/v1/tasks/:id/members/:clusterUsername/role': {
    path: `/api/v1/tasks/${NO_ID}/members/nobody/role`,
    payload: { role: 'lead', mode: 'preview' },
    allow: ['operator'],
  },
  'DELETE /api/v1/tasks/:id/members/:clusterUsername': { path: `/api/v1/tasks/${NO_ID}/members/nobody`, payload: { mode: 'preview' }, allow: ['operator'] },
  'POST /api/v1/tasks/:id/invitations': {
    path: `/api/v1/tasks/${NO_ID}/invitations`,
    payload: { email: 'x@example.org', organisationId: NO_ID, role: 'member', mode: 'preview' },
    allow: ['operator'],
  },
  'DELETE /api/v1/tasks/:id/invitations/:invitationId': {
    path: `/api/v1/tasks/${NO_ID}/invitations/${NO_ID}`,
    payload: { mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/tasks/:id/block': { path: `/api/v1/tasks/${NO_ID}/block`, payload: { reason: 'matrix' }, allow: ['operator'] },
  'POST /api/v1/tasks/:id/unblock': { path: `/api/v1/tasks/${NO_ID}/unblock`, payload: { reason: 'matrix' }, allow: ['operator'] },
  'GET /api/v1/slurm/desired-state': { path: '/api/v1/slurm/desired-state?day=2026-05-01', allow: ['operator'] },
  // Slurm sync as a service (issue 14 item 3): the office only; a made-up digest is a stale preview (409)
  'GET /api/v1/slurm/plan': { path: '/api/v1/slurm/plan', allow: ['operator'] },
  'POST /api/v1/slurm/apply': { path: '/api/v1/slurm/apply', payload: { digest: '0'.repeat(64) }, allow: ['operator'] },
  'GET /api/v1/slurm/jobs/:jobId': { path: `/api/v1/slurm/jobs/${NO_ID}`, allow: ['operator'] },
  'GET /api/v1/programs/:slug/usage': { path: '/api/v1/programs/specialized-fm/usage?phase=phase-2', allow: ['applicant', 'operator'] },
  'GET /api/v1/tasks/:id/usage': { path: `/api/v1/tasks/${NO_ID}/usage`, allow: ['applicant', 'operator'] },
  'GET /api/v1/programs/:slug/usage/export': { path: '/api/v1/programs/specialized-fm/usage/export', allow: ['operator'] },
  'POST /api/v1/usage/imports': {
    path: '/api/v1/usage/imports',
    payload: { sacct: { jobs: [] }, start: '2020-01-01', end: '2020-01-02' },
    allow: ['operator'],
  },
  'POST /api/v1/usage/uploads': { path: '/api/v1/usage/uploads', allow: ['operator'] },
  'POST /api/v1/usage/import-jobs': { path: '/api/v1/usage/import-jobs', payload: { mode: 'commit', previewJobId: NO_ID }, allow: ['operator'] },
  'GET /api/v1/usage/import-jobs/:jobId': { path: `/api/v1/usage/import-jobs/${NO_ID}`, allow: ['operator'] },
  'GET /api/v1/programs/:slug/under-use-policy': { path: '/api/v1/programs/specialized-fm/under-use-policy', allow: ['applicant', 'operator'] },
  'PUT /api/v1/programs/:slug/under-use-policy': {
    path: '/api/v1/programs/no-program/under-use-policy',
    payload: { policy: {}, reason: 'matrix' },
    allow: ['operator'],
  },
  'POST /api/v1/programs/:slug/under-use/evaluate': {
    path: '/api/v1/programs/no-program/under-use/evaluate',
    payload: { mode: 'preview' },
    allow: ['operator'],
  },
  // user evaluation: arena and Likert forms (issue 7); evaluators are checked per arena in the handlers
  'GET /api/v1/arenas': { path: '/api/v1/arenas', allow: ['evaluator', 'operator'] },
  'POST /api/v1/arenas': { path: '/api/v1/arenas', payload: {}, allow: ['operator'] },
  'GET /api/v1/arenas/:id': { path: `/api/v1/arenas/${NO_ID}`, allow: ['evaluator', 'operator'] },
  'PUT /api/v1/arenas/:id/settings': { path: `/api/v1/arenas/${NO_ID}/settings`, payload: { expectedRevision: 1, mode: 'preview' }, allow: ['operator'] },
  'PUT /api/v1/arenas/:id/prompts': { path: `/api/v1/arenas/${NO_ID}/prompts`, payload: { jsonl: '' }, allow: ['operator'] },
  'PUT /api/v1/arenas/:id/answers': { path: `/api/v1/arenas/${NO_ID}/answers`, payload: { taskId: NO_ID, jsonl: '' }, allow: ['operator'] },
  'POST /api/v1/arenas/:id/answers/fetch': {
    path: `/api/v1/arenas/${NO_ID}/answers/fetch`,
    payload: { taskId: NO_ID, baseUrl: 'http://127.0.0.1:9', model: 'm' },
    allow: ['operator'],
  },
  'PUT /api/v1/arenas/:id/evaluators': { path: `/api/v1/arenas/${NO_ID}/evaluators`, payload: { emails: [] }, allow: ['operator'] },
  'POST /api/v1/arenas/:id/battles/next': { path: `/api/v1/arenas/${NO_ID}/battles/next`, allow: ['evaluator'] },
  'POST /api/v1/arenas/:id/battles/:battleId/vote': { path: `/api/v1/arenas/${NO_ID}/battles/${NO_ID}/vote`, payload: { choice: 'tie' }, allow: ['evaluator'] },
  'GET /api/v1/arenas/:id/likert': { path: `/api/v1/arenas/${NO_ID}/likert`, allow: ['evaluator'] },
  'PUT /api/v1/arenas/:id/likert/:item': { path: `/api/v1/arenas/${NO_ID}/likert/1`, payload: { scores: {} }, allow: ['evaluator'] },
  'GET /api/v1/arenas/:id/ratings': { path: `/api/v1/arenas/${NO_ID}/ratings`, allow: ['operator'] },
  'GET /api/v1/arenas/:id/votes.jsonl': { path: `/api/v1/arenas/${NO_ID}/votes.jsonl`, allow: ['operator'] },
  // final evaluation and the additional-GPU negotiation (issue 7); task membership is checked in the handlers
  'GET /api/v1/final-evaluations': { path: '/api/v1/final-evaluations', allow: ['applicant', 'operator'] },
  'POST /api/v1/final-evaluations': { path: '/api/v1/final-evaluations', payload: {}, allow: ['operator'] },
  'GET /api/v1/final-evaluations/:id': { path: `/api/v1/final-evaluations/${NO_ID}`, allow: ['applicant', 'operator'] },
  'POST /api/v1/final-evaluations/:id/tasks/:taskId/report': {
    path: `/api/v1/final-evaluations/${NO_ID}/tasks/${NO_ID}/report`,
    allow: ['applicant', 'operator'],
  },
  'GET /api/v1/final-evaluations/:id/tasks/:taskId/report': {
    path: `/api/v1/final-evaluations/${NO_ID}/tasks/${NO_ID}/report`,
    allow: ['applicant', 'operator'],
  },
  'PUT /api/v1/final-evaluations/:id/scores': {
    path: `/api/v1/final-evaluations/${NO_ID}/scores`,
    payload: { scores: [{ taskId: NO_ID, score: 80 }] },
    allow: ['operator'],
  },
  'POST /api/v1/final-evaluations/:id/designation': {
    path: `/api/v1/final-evaluations/${NO_ID}/designation`,
    payload: { mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/final-evaluations/:id/publish': { path: `/api/v1/final-evaluations/${NO_ID}/publish`, payload: { mode: 'preview' }, allow: ['operator'] },
  'POST /api/v1/final-evaluations/:id/tasks/:taskId/support': {
    path: `/api/v1/final-evaluations/${NO_ID}/tasks/${NO_ID}/support`,
    payload: { goalKind: 'performance', goals: 'g', gpus: 8, startsOn: '2026-10-01', endsOn: '2026-12-31' },
    allow: ['applicant'],
  },
  'GET /api/v1/support-proposals/:id': { path: `/api/v1/support-proposals/${NO_ID}`, allow: ['applicant', 'operator'] },
  'POST /api/v1/support-proposals/:id/offers': {
    path: `/api/v1/support-proposals/${NO_ID}/offers`,
    payload: { gpus: 8, startsOn: '2026-10-01', endsOn: '2026-12-31' },
    allow: ['applicant', 'operator'],
  },
  'POST /api/v1/support-proposals/:id/accept': {
    path: `/api/v1/support-proposals/${NO_ID}/accept`,
    payload: { offerSeq: 1 },
    allow: ['applicant', 'operator'],
  },
  // open-source registry (issue 7): public; releases recorded by a task's members or the office
  'GET /api/v1/open-source/releases': { path: '/api/v1/open-source/releases', allow: everyone },
  'POST /api/v1/open-source/releases': {
    path: '/api/v1/open-source/releases',
    payload: { taskId: NO_ID, modelName: 'm', url: 'https://example.org/m', licence: 'MIT', releasedOn: '2026-01-01' },
    allow: ['applicant', 'operator'],
  },
  'GET /api/v1/open-source/openness': { path: '/api/v1/open-source/openness?program=specialized-fm', allow: ['operator'] },
  'GET /api/v1/open-source/licence-check': { path: '/api/v1/open-source/licence-check?licence=MIT', allow: everyone },
  'PUT /api/v1/open-source/policies/:program': { path: '/api/v1/open-source/policies/no-program', payload: { requiresOpenSource: true }, allow: ['operator'] },
  // selection review (issue 4): reviewers reach only what is assigned and not conflicted (checked in the handlers, 403/404)
  'GET /api/v1/review/calls': { path: '/api/v1/review/calls', allow: ['operator'] },
  'GET /api/v1/review/calls/:program/:call': { path: '/api/v1/review/calls/no-program/no-call', allow: ['operator'] },
  'PUT /api/v1/review/calls/:program/:call/config': {
    path: '/api/v1/review/calls/no-program/no-call/config',
    payload: { blind: true, conflictYears: 3, aggregation: { method: 'mean', trimMinReviewers: 5, zScore: false }, rounds: [], expectedRevision: 0 },
    allow: ['operator'],
  },
  'GET /api/v1/review/calls/:program/:call/reviewers': { path: '/api/v1/review/calls/no-program/no-call/reviewers', allow: ['operator'] },
  'POST /api/v1/review/calls/:program/:call/reviewers': {
    path: '/api/v1/review/calls/no-program/no-call/reviewers',
    payload: { email: 'r@demo.stagegate.kr', name: 'r' },
    allow: ['operator'],
  },
  'PATCH /api/v1/review/reviewers/:id': { path: `/api/v1/review/reviewers/${NO_ID}`, payload: { profile: 'x' }, allow: ['reviewer', 'operator'] },
  'GET /api/v1/review/calls/:program/:call/outbox': { path: '/api/v1/review/calls/no-program/no-call/outbox', allow: ['operator'] },
  // notifications (issue 15 item 3): everyone signed in has an inbox; the outbox is the office's
  'GET /api/v1/me/notifications': { path: '/api/v1/me/notifications', allow: signedIn },
  'POST /api/v1/me/notifications/:id/read': { path: `/api/v1/me/notifications/${NO_ID}/read`, allow: signedIn },
  'POST /api/v1/me/notifications/read-all': { path: '/api/v1/me/notifications/read-all', allow: signedIn },
  'PUT /api/v1/me/locale': { path: '/api/v1/me/locale', payload: { locale: 'ko' }, allow: signedIn },
  'POST /api/v1/me/email-verification': { path: '/api/v1/me/email-verification', payload: { mode: 'preview' }, allow: signedIn },
  'GET /api/v1/outbox': { path: '/api/v1/outbox', allow: ['operator'] },
  'GET /api/v1/review/invitations/:token': { path: '/api/v1/review/invitations/no-such-token-0000', allow: everyone },
  'POST /api/v1/review/invitations/:token/response': {
    path: '/api/v1/review/invitations/no-such-token-0000/response',
    payload: { accept: false },
    allow: everyone,
  },
  'GET /api/v1/review/calls/:program/:call/conflicts': { path: '/api/v1/review/calls/no-program/no-call/conflicts', allow: ['operator'] },
  'POST /api/v1/review/calls/:program/:call/conflicts/detect': { path: '/api/v1/review/calls/no-program/no-call/conflicts/detect', allow: ['operator'] },
  'GET /api/v1/review/calls/:program/:call/late-conflicts': { path: '/api/v1/review/calls/no-program/no-call/late-conflicts', allow: ['operator'] },
  'POST /api/v1/review/withdrawals/:id/reassign': {
    path: `/api/v1/review/withdrawals/${NO_ID}/reassign`,
    payload: { mode: 'preview', reason: 'matrix' },
    allow: ['operator'],
  },
  'POST /api/v1/review/conflicts/:id/waiver': {
    path: `/api/v1/review/conflicts/${NO_ID}/waiver`,
    payload: { waive: true, reason: 'matrix' },
    allow: ['operator'],
  },
  'GET /api/v1/review/rounds/:roundId/assignment': { path: `/api/v1/review/rounds/${NO_ID}/assignment`, allow: ['operator'] },
  'POST /api/v1/review/rounds/:roundId/runs': { path: `/api/v1/review/rounds/${NO_ID}/runs`, payload: { balance: false }, allow: ['operator'] },
  'GET /api/v1/review/runs/:runId': { path: `/api/v1/review/runs/${NO_ID}`, allow: ['operator'] },
  'POST /api/v1/review/runs/:runId/deploy': { path: `/api/v1/review/runs/${NO_ID}/deploy`, allow: ['operator'] },
  'POST /api/v1/review/rounds/:roundId/assignment/manual': {
    path: `/api/v1/review/rounds/${NO_ID}/assignment/manual`,
    payload: { add: [], remove: [], mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/review/rounds/:roundId/close': { path: `/api/v1/review/rounds/${NO_ID}/close`, payload: { mode: 'preview' }, allow: ['operator'] },
  'GET /api/v1/review/me': { path: '/api/v1/review/me', allow: ['reviewer'] },
  'GET /api/v1/review/me/rounds/:roundId/applications/:applicationId': { path: `/api/v1/review/me/rounds/${NO_ID}/applications/${NO_ID}`, allow: ['reviewer'] },
  'PUT /api/v1/review/me/rounds/:roundId/applications/:applicationId/sheet': {
    path: `/api/v1/review/me/rounds/${NO_ID}/applications/${NO_ID}/sheet`,
    payload: { scores: {}, mode: 'draft' },
    allow: ['reviewer'],
  },
  'GET /api/v1/review/me/rounds/:roundId/applications/:applicationId/attachments/:attachmentId': {
    path: `/api/v1/review/me/rounds/${NO_ID}/applications/${NO_ID}/attachments/${NO_ID}`,
    allow: ['reviewer'],
  },
  'GET /api/v1/review/me/rounds/:roundId/pledge': { path: `/api/v1/review/me/rounds/${NO_ID}/pledge`, allow: ['reviewer'] },
  'POST /api/v1/review/me/rounds/:roundId/pledge': { path: `/api/v1/review/me/rounds/${NO_ID}/pledge`, payload: { accept: true }, allow: ['reviewer'] },
  'POST /api/v1/review/me/rounds/:roundId/applications/:applicationId/conflict': {
    path: `/api/v1/review/me/rounds/${NO_ID}/applications/${NO_ID}/conflict`,
    payload: { reason: 'matrix' },
    allow: ['reviewer'],
  },
  'GET /api/v1/review/calls/:program/:call/ranking': { path: '/api/v1/review/calls/no-program/no-call/ranking', allow: ['operator'] },
  'PUT /api/v1/review/calls/:program/:call/selection': {
    path: '/api/v1/review/calls/no-program/no-call/selection',
    payload: { decisions: [], mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/review/calls/:program/:call/no-selection': {
    path: '/api/v1/review/calls/no-program/no-call/no-selection',
    payload: { reason: 'x', mode: 'preview' },
    allow: ['operator'],
  },
  'POST /api/v1/review/calls/:program/:call/publication': {
    path: '/api/v1/review/calls/no-program/no-call/publication',
    payload: { publish: true },
    allow: ['operator'],
  },
  'GET /api/v1/review/calls/:program/:call/export.xlsx': { path: '/api/v1/review/calls/no-program/no-call/export.xlsx', allow: ['operator'] },
  'GET /api/v1/review/calls/:program/:call/summary.pdf': { path: '/api/v1/review/calls/no-program/no-call/summary.pdf', allow: ['operator'] },
  'GET /api/v1/review/results/:id': { path: `/api/v1/review/results/${NO_ID}`, allow: ['applicant', 'operator'] },
  'GET /api/v1/review/results/:id/letter.pdf': { path: `/api/v1/review/results/${NO_ID}/letter.pdf`, allow: ['applicant', 'operator'] },
  // clusters, partitions, node types and pool bindings (issue 5); mutations only previewed here
  'GET /api/v1/resources': { path: '/api/v1/resources', allow: signedIn },
  'POST /api/v1/resources/node-types': {
    path: '/api/v1/resources/node-types',
    payload: { mode: 'preview', nodeType: { key: 'matrix', gpuModel: 'NVIDIA B200', gpusPerNode: 8 } },
    allow: ['operator'],
  },
  'PUT /api/v1/resources/node-types/:key': {
    path: '/api/v1/resources/node-types/no-type',
    payload: { mode: 'preview', nodeType: { gpuModel: 'NVIDIA B200', gpusPerNode: 8 } },
    allow: ['operator'],
  },
  'POST /api/v1/resources/clusters': {
    path: '/api/v1/resources/clusters',
    payload: { mode: 'preview', cluster: { key: 'matrix', name: { ko: 'm', en: 'm' }, site: { ko: 'm', en: 'm' }, slurmClusterName: 'matrix' } },
    allow: ['operator'],
  },
  'PUT /api/v1/resources/clusters/:key': { path: '/api/v1/resources/clusters/no-cluster', payload: { mode: 'preview', cluster: {} }, allow: ['operator'] },
  'POST /api/v1/resources/clusters/:key/partitions': {
    path: '/api/v1/resources/clusters/no-cluster/partitions',
    payload: { mode: 'preview', partition: {} },
    allow: ['operator'],
  },
  'PUT /api/v1/resources/clusters/:key/partitions/:name': {
    path: '/api/v1/resources/clusters/no-cluster/partitions/no-partition',
    payload: { mode: 'preview', partition: {} },
    allow: ['operator'],
  },
  'PUT /api/v1/resources/pools/:program/:pool/binding': {
    path: '/api/v1/resources/pools/no-program/no-pool/binding',
    payload: { mode: 'preview', clusterKey: 'x', partitionName: 'y' },
    allow: ['operator'],
  },
  'DELETE /api/v1/resources/pools/:program/:pool/binding': {
    path: '/api/v1/resources/pools/no-program/no-pool/binding',
    payload: { mode: 'preview' },
    allow: ['operator'],
  },
};
