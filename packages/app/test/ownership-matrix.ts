import type { Role } from '../src/auth/actor.ts';
import type { OwnershipFixtures } from './support/ownership-fixtures.ts';
import type { OwnershipObjects } from './support/ownership-objects.ts';

export type Ownership = 'own' | 'other' | 'unassigned';

/** One request against a real object of the demo data. */
export interface ObjectCase {
  path: string;
  payload?: unknown;
}

/**
 * The object dimension of the authorisation matrix: for a route that reaches one object, a role
 * that passes the route's check must reach its own object (not 401/403/404, no 500) and be refused
 * another organisation's object or one it is not assigned to (403 or 404), with real ids.
 */
export interface OwnershipCases {
  as: Role;
  own?: ObjectCase;
  other?: ObjectCase;
  unassigned?: ObjectCase;
}

type Fixtures = OwnershipFixtures & OwnershipObjects;
type Cases = (f: Fixtures) => OwnershipCases[];
const app = (f: Fixtures, own: boolean) => `/api/v1/applications/${own ? f.ownApplication : f.otherApplication}`;
const NO_ID = '00000000-0000-4000-8000-000000000000';
const se = (f: Fixtures) => `/api/v1/stage-evaluations/${f.stageEvaluation}`;

export const ownershipMatrix: Record<string, Cases> = {
  // the office verifies any organisation, its own registrants' or another's: ids in the body, one check for all
  'POST /api/v1/office/organisations/verification': (f) => [
    {
      as: 'operator',
      own: {
        path: '/api/v1/office/organisations/verification',
        payload: { organisations: [{ id: f.otherOrganisation, expectedRevision: 1 }], verified: true, mode: 'preview' },
      },
    },
  ],
  'GET /api/v1/organisations/:id': (f) => [
    { as: 'applicant', own: { path: `/api/v1/organisations/${f.ownOrganisation}` }, other: { path: `/api/v1/organisations/${f.otherOrganisation}` } },
  ],
  'PATCH /api/v1/organisations/:id': (f) => [
    { as: 'applicant', other: { path: `/api/v1/organisations/${f.otherOrganisation}`, payload: { expectedRevision: 1, nameEn: 'Taken over' } } },
  ],
  'POST /api/v1/organisations/:id/members': (f) => [
    {
      as: 'applicant',
      other: { path: `/api/v1/organisations/${f.otherOrganisation}/members`, payload: { email: 'reviewer@demo.stagegate.kr', role: 'member' } },
    },
  ],
  'POST /api/v1/organisation-invitations/:id/response': (f) => [
    {
      as: 'applicant',
      own: { path: `/api/v1/organisation-invitations/${f.ownInvitation}/response`, payload: { accept: false } },
      other: { path: `/api/v1/organisation-invitations/${f.otherInvitation}/response`, payload: { accept: true } },
    },
  ],
  // a task invitation is bound to the confirmed address it was sent to: another person's is not there (404)
  'POST /api/v1/task-invitations/:id/response': (f) => [
    {
      as: 'applicant',
      own: { path: `/api/v1/task-invitations/${f.ownTaskInvitation}/response`, payload: { accept: true, mode: 'preview' } },
      other: { path: `/api/v1/task-invitations/${f.otherTaskInvitation}/response`, payload: { accept: true, mode: 'commit' } },
    },
  ],
  'DELETE /api/v1/organisations/:id/members/:userId': (f) => [
    { as: 'applicant', other: { path: `/api/v1/organisations/${f.otherOrganisation}/members/${f.otherOrganisation}` } },
  ],
  'GET /api/v1/applications/:id': (f) => [{ as: 'applicant', own: { path: app(f, true) }, other: { path: app(f, false) } }],
  'GET /api/v1/applications/:id/history': (f) => [{ as: 'applicant', own: { path: `${app(f, true)}/history` }, other: { path: `${app(f, false)}/history` } }],
  'PATCH /api/v1/applications/:id': (f) => [{ as: 'applicant', other: { path: app(f, false), payload: { baseVersion: 1 } } }],
  'GET /api/v1/applications/:id/versions': (f) => [
    { as: 'applicant', own: { path: `${app(f, true)}/versions` }, other: { path: `${app(f, false)}/versions` } },
  ],
  'GET /api/v1/applications/:id/versions/:version': (f) => [
    { as: 'applicant', own: { path: `${app(f, true)}/versions/1` }, other: { path: `${app(f, false)}/versions/1` } },
  ],
  'POST /api/v1/applications/:id/versions/:version/restore': (f) => [
    { as: 'applicant', other: { path: `${app(f, false)}/versions/1/restore`, payload: { baseVersion: 1 } } },
  ],
  'GET /api/v1/applications/:id/eligibility': (f) => [
    { as: 'applicant', own: { path: `${app(f, true)}/eligibility` }, other: { path: `${app(f, false)}/eligibility` } },
  ],
  'POST /api/v1/applications/:id/attachments': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/attachments` } }],
  'GET /api/v1/applications/:id/attachments/:attachmentId': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/attachments/${NO_ID}` } }],
  'DELETE /api/v1/applications/:id/attachments/:attachmentId': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/attachments/${NO_ID}` } }],
  'POST /api/v1/applications/:id/submit': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/submit`, payload: { version: 1 } } }],
  'GET /api/v1/applications/:id/receipt': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/receipt` } }],
  'GET /api/v1/applications/:id/receipt/download': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/receipt/download` } }],
  'POST /api/v1/applications/:id/withdraw': (f) => [{ as: 'applicant', other: { path: `${app(f, false)}/withdraw`, payload: { reason: 'matrix' } } }],
  'GET /api/v1/evaluation/tasks/:taskId': (f) => [
    { as: 'applicant', own: { path: `/api/v1/evaluation/tasks/${f.ownTask}` }, other: { path: `/api/v1/evaluation/tasks/${f.otherTask}` } },
  ],
  'GET /api/v1/tasks/:id/usage': (f) => [
    { as: 'applicant', own: { path: `/api/v1/tasks/${f.ownTask}/usage` }, other: { path: `/api/v1/tasks/${f.otherTask}/usage` } },
  ],
  'GET /api/v1/stage-evaluations/:id': (f) => [{ as: 'reviewer', unassigned: { path: se(f) } }],
  'PUT /api/v1/stage-evaluations/:id/expert-scores': (f) => [
    {
      as: 'reviewer',
      unassigned: {
        path: `${se(f)}/expert-scores`,
        payload: { entries: [{ team: f.ownTeam, component: 'expert-panel', expert: '위원 1', score: 1 }], mode: 'validate' },
      },
    },
  ],
  'GET /api/v1/stage-evaluations/:id/teams/:team': (f) => [
    { as: 'applicant', own: { path: `${se(f)}/teams/${f.ownTeam}` }, other: { path: `${se(f)}/teams/${f.otherTeam}` } },
    { as: 'reviewer', unassigned: { path: `${se(f)}/teams/${f.ownTeam}` } },
  ],
  'GET /api/v1/stage-evaluations/:id/teams/:team/letter.pdf': (f) => [
    { as: 'applicant', own: { path: `${se(f)}/teams/${f.ownTeam}/letter.pdf` }, other: { path: `${se(f)}/teams/${f.otherTeam}/letter.pdf` } },
    { as: 'reviewer', unassigned: { path: `${se(f)}/teams/${f.ownTeam}/letter.pdf` } },
  ],
  'PUT /api/v1/stage-evaluations/:id/teams/:team/gates/:gate/declaration': (f) => [
    {
      as: 'applicant',
      own: { path: `${se(f)}/teams/${f.ownTeam}/gates/originality/declaration`, payload: { items: {}, statement: 'matrix', evidence: [], mode: 'validate' } },
      other: {
        path: `${se(f)}/teams/${f.otherTeam}/gates/originality/declaration`,
        payload: { items: {}, statement: 'matrix', evidence: [], mode: 'validate' },
      },
    },
  ],
  'POST /api/v1/stage-evaluations/:id/appeals': (f) => [
    { as: 'applicant', other: { path: `${se(f)}/appeals`, payload: { team: f.otherTeam, grounds: 'matrix', mode: 'validate' } } },
  ],
  // a member reads its own team's people, never another team's
  'GET /api/v1/tasks/:id/members': (f) => [
    { as: 'applicant', own: { path: `/api/v1/tasks/${f.ownTask}/members` }, other: { path: `/api/v1/tasks/${f.otherTask}/members` } },
  ],
  'PATCH /api/v1/review/reviewers/:id': (f) => [
    {
      as: 'reviewer',
      own: { path: `/api/v1/review/reviewers/${f.ownReviewer}`, payload: { profile: f.ownReviewerProfile } },
      other: { path: `/api/v1/review/reviewers/${f.otherReviewer}`, payload: { profile: 'taken over' } },
    },
  ],
  // user evaluation: an evaluator votes only in arenas it is assigned to; battles are the evaluator's own
  'GET /api/v1/arenas/:id': (f) => [
    { as: 'evaluator', own: { path: `/api/v1/arenas/${f.arena}` }, unassigned: { path: `/api/v1/arenas/${f.unassignedArena}` } },
  ],
  'POST /api/v1/arenas/:id/battles/next': (f) => [
    { as: 'evaluator', own: { path: `/api/v1/arenas/${f.arena}/battles/next` }, unassigned: { path: `/api/v1/arenas/${f.unassignedArena}/battles/next` } },
  ],
  'POST /api/v1/arenas/:id/battles/:battleId/vote': (f) => [
    {
      as: 'evaluator',
      other: { path: `/api/v1/arenas/${f.arena}/battles/${f.othersBattle}/vote`, payload: { choice: 'tie' } },
      unassigned: { path: `/api/v1/arenas/${f.unassignedArena}/battles/${f.othersBattle}/vote`, payload: { choice: 'tie' } },
    },
  ],
  'GET /api/v1/arenas/:id/likert': (f) => [
    { as: 'evaluator', own: { path: `/api/v1/arenas/${f.likertArena}/likert` }, unassigned: { path: `/api/v1/arenas/${f.unassignedArena}/likert` } },
  ],
  'PUT /api/v1/arenas/:id/likert/:item': (f) => [
    {
      as: 'evaluator',
      own: { path: `/api/v1/arenas/${f.likertArena}/likert/1`, payload: { scores: { useful: 9 } } },
      unassigned: { path: `/api/v1/arenas/${f.unassignedArena}/likert/1`, payload: { scores: { useful: 4 } } },
    },
  ],
  // final evaluation: a task's members act for their task, never for another team's
  'GET /api/v1/final-evaluations/:id': (f) => [{ as: 'applicant', own: { path: `/api/v1/final-evaluations/${f.finalEvaluation}` } }],
  'POST /api/v1/final-evaluations/:id/tasks/:taskId/report': (f) => [
    {
      as: 'applicant',
      own: { path: `/api/v1/final-evaluations/${f.finalEvaluation}/tasks/${f.ownFinalTask}/report` },
      other: { path: `/api/v1/final-evaluations/${f.finalEvaluation}/tasks/${f.otherFinalTask}/report` },
    },
  ],
  'GET /api/v1/final-evaluations/:id/tasks/:taskId/report': (f) => [
    { as: 'applicant', other: { path: `/api/v1/final-evaluations/${f.finalEvaluation}/tasks/${f.otherFinalTask}/report` } },
  ],
  'POST /api/v1/final-evaluations/:id/tasks/:taskId/support': (f) => {
    const payload = { goalKind: 'performance', goals: 'matrix', gpus: 8, startsOn: '2026-10-01', endsOn: '2026-12-31' };
    return [
      {
        as: 'applicant',
        own: { path: `/api/v1/final-evaluations/${f.finalEvaluation}/tasks/${f.ownFinalTask}/support`, payload },
        other: { path: `/api/v1/final-evaluations/${f.finalEvaluation}/tasks/${f.otherFinalTask}/support`, payload },
      },
    ];
  },
  'GET /api/v1/support-proposals/:id': (f) => [
    { as: 'applicant', own: { path: `/api/v1/support-proposals/${f.ownProposal}` }, other: { path: `/api/v1/support-proposals/${f.otherProposal}` } },
  ],
  'POST /api/v1/support-proposals/:id/offers': (f) => {
    const payload = { gpus: 8, startsOn: '2026-10-01', endsOn: '2026-12-31' };
    return [
      {
        as: 'applicant',
        own: { path: `/api/v1/support-proposals/${f.ownProposal}/offers`, payload },
        other: { path: `/api/v1/support-proposals/${f.otherProposal}/offers`, payload },
      },
    ];
  },
  'POST /api/v1/support-proposals/:id/accept': (f) => [
    {
      as: 'applicant',
      own: { path: `/api/v1/support-proposals/${f.ownProposal}/accept`, payload: { offerSeq: 99 } },
      other: { path: `/api/v1/support-proposals/${f.otherProposal}/accept`, payload: { offerSeq: 1 } },
    },
  ],
  // selection review: a reviewer reaches only the proposals assigned to it; an applicant only its own result
  'GET /api/v1/review/me/rounds/:roundId/applications/:applicationId': (f) => [
    {
      as: 'reviewer',
      own: { path: `/api/v1/review/me/rounds/${f.round}/applications/${f.assignedApplication}` },
      unassigned: { path: `/api/v1/review/me/rounds/${f.round}/applications/${f.unassignedApplication}` },
    },
  ],
  'PUT /api/v1/review/me/rounds/:roundId/applications/:applicationId/sheet': (f) => [
    {
      as: 'reviewer',
      own: { path: `/api/v1/review/me/rounds/${f.round}/applications/${f.assignedApplication}/sheet`, payload: { scores: {}, mode: 'draft' } },
      unassigned: { path: `/api/v1/review/me/rounds/${f.round}/applications/${f.unassignedApplication}/sheet`, payload: { scores: {}, mode: 'draft' } },
    },
  ],
  'GET /api/v1/review/me/rounds/:roundId/applications/:applicationId/attachments/:attachmentId': (f) => [
    {
      as: 'reviewer',
      unassigned: { path: `/api/v1/review/me/rounds/${f.round}/applications/${f.unassignedApplication}/attachments/00000000-0000-4000-8000-000000000000` },
    },
  ],
  // the pledge is the reviewer's own, per round of a call it sits on
  'GET /api/v1/review/me/rounds/:roundId/pledge': (f) => [{ as: 'reviewer', own: { path: `/api/v1/review/me/rounds/${f.round}/pledge` } }],
  'POST /api/v1/review/me/rounds/:roundId/pledge': (f) => [
    { as: 'reviewer', own: { path: `/api/v1/review/me/rounds/${f.round}/pledge`, payload: { accept: true } } },
  ],
  'POST /api/v1/review/me/rounds/:roundId/applications/:applicationId/conflict': (f) => [
    {
      as: 'reviewer',
      unassigned: { path: `/api/v1/review/me/rounds/${f.round}/applications/${f.unassignedApplication}/conflict`, payload: { reason: 'matrix' } },
    },
  ],
  // allocations: an applicant asks for changes to its own task's allocation only (the allocation is named in the body)
  'POST /api/v1/programs/:slug/change-requests': (f) => {
    const ask = (allocationId: string) => ({ mode: 'preview', reason: 'matrix', request: { kind: 'extension', allocationId, newEnd: '2026-09-09' } });
    return [
      {
        as: 'applicant',
        own: { path: '/api/v1/programs/specialized-fm/change-requests', payload: ask(f.ownAllocation) },
        other: { path: '/api/v1/programs/specialized-fm/change-requests', payload: ask(f.otherAllocation) },
      },
    ];
  },
  // an inbox is its owner's: another person's notification is answered as absent
  'POST /api/v1/me/notifications/:id/read': (f) => [
    {
      as: 'applicant',
      own: { path: `/api/v1/me/notifications/${f.applicantNotification}/read` },
      other: { path: `/api/v1/me/notifications/${f.otherNotification}/read` },
    },
    {
      as: 'reviewer',
      own: { path: `/api/v1/me/notifications/${f.reviewerNotification}/read` },
      other: { path: `/api/v1/me/notifications/${f.applicantNotification}/read` },
    },
  ],
  'GET /api/v1/review/results/:id': (f) => [{ as: 'applicant', other: { path: `/api/v1/review/results/${f.otherApplication}` } }],
  'GET /api/v1/review/results/:id/letter.pdf': (f) => [{ as: 'applicant', other: { path: `/api/v1/review/results/${f.otherApplication}/letter.pdf` } }],
};

/**
 * Routes with a path parameter, open to more than the office, where object ownership does not
 * apply — public record, a program-wide rule or list, a token that is itself the credential, or
 * staff (evaluators) who act on every task by role — each with the reason. A new such route must
 * land in one of the two lists.
 */
export const withoutOwnershipCases: Record<string, string> = {
  'GET /api/v1/programs/:slug': 'program data is public record',
  'GET /api/v1/calls/:program/:call': 'calls are public record',
  'GET /api/v1/calls/:program/:call/documents/:sha256':
    'a call document is public record once the call opens (before that, the office only: test/calls/call-documents.test.ts)',
  'GET /api/v1/public/stage-evaluations/:id': 'published results are public record',
  'GET /api/v1/public/stage-evaluations/:id/results.xlsx': 'published results are public record',
  'GET /api/v1/public/stage-evaluations/:id/report.pdf': 'published results are public record',
  'GET /api/v1/public/result-bundles/:id/bundle.zip': 'published result bundles are public record (served only while the result is published)',
  'GET /api/v1/public/result-bundles/:id/manifest.json': 'published result bundles are public record (served only while the result is published)',
  'GET /api/v1/public/result-bundles/:id/manifest.sig': 'published result bundles are public record (served only while the result is published)',
  'GET /api/v1/programs/:slug/allocations':
    "a program's pool occupancy, open to every signed-in person by policy; unpublished decisions masked (publication-access test)",
  'GET /api/v1/programs/:slug/change-requests':
    "a program-wide list, not one object: it holds only the caller's tasks' requests (allocation-api, publication-access tests)",
  'GET /api/v1/programs/:slug/usage': "a program-wide list, not one object: it holds only the caller's tasks (usage, publication-access tests)",
  'GET /api/v1/programs/:slug/under-use-policy': 'program rule, readable by every applicant',
  'GET /api/v1/review/invitations/:token': 'the token is the credential (invitation tests, issue 12 item 12)',
  'POST /api/v1/review/invitations/:token/response': 'the token is the credential (invitation tests, issue 12 item 12)',
  'POST /api/v1/evaluation/tasks/:taskId/imports': 'evaluators and the office act on every task',
  'POST /api/v1/evaluation/tasks/:taskId/suite-runs': 'evaluators and the office act on every task',
  'GET /api/v1/evaluation/jobs/:jobId': 'evaluators and the office read every job',
  'GET /api/v1/provenance/comparisons/:id': 'evaluators and the office read every comparison',
  'GET /api/v1/provenance/comparisons/:id/report.html': 'evaluators and the office read every comparison',
  'POST /api/v1/provenance/comparisons/:id/evidence': 'evaluators and the office act on every comparison',
  'GET /api/v1/provenance/tasks/:taskId/evidence': 'evaluators and the office read every task',
};
