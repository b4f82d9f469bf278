import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { organisationsContract } from '@stagegate/core/contract/organisations';
import { tasksContract } from '@stagegate/core/contract/tasks';
import { call } from '../../api/contract-client';

/** GET /api/v1/task-invitations: the office's task invitations addressed to my confirmed address */
export type TaskInvitationsToMe = ResponseOf<typeof tasksContract.addressedToMe>;
export type TaskInvitationToMe = TaskInvitationsToMe['invitations'][number];
/** The preview (or commit) of my answer to a task invitation */
export type TaskInvitationAnswer = ResponseOf<typeof tasksContract.answerInvitation>;
/** GET /api/v1/organisation-invitations: an organisation's offers of membership to me */
export type OrganisationInvitation = ResponseOf<typeof organisationsContract.invitations>['invitations'][number];
/** The preview (or commit) of my answer to an organisation's offer */
export type OrganisationInvitationAnswer = ResponseOf<typeof organisationsContract.answerInvitation>;

export const taskInvitationAnswerUrl = (id: string) => `/api/v1/task-invitations/${id}/response`;
export const organisationInvitationAnswerUrl = (id: string) => `/api/v1/organisation-invitations/${id}/response`;

export const useTaskInvitationsToMe = () => useQuery({ queryKey: ['task-invitations', 'mine'], queryFn: () => call(tasksContract.addressedToMe, {}) });
export const useOrganisationInvitations = () =>
  useQuery({ queryKey: ['organisation-invitations'], queryFn: () => call(organisationsContract.invitations, {}) });
