import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ResponseOf } from '@stagegate/core/contract/route';
import type { tasksContract } from '@stagegate/core/contract/tasks';

export type TaskRole = 'lead' | 'member';

/** GET /api/v1/tasks/:id/members, as the contract says */
export type TaskMembers = ResponseOf<typeof tasksContract.members>;

/** The preview (or commit) of one change of a task's people. */
export type MemberChange = ResponseOf<typeof tasksContract.role>;

export const taskMembersUrl = (taskId: string) => `/api/v1/tasks/${taskId}/members`;

export const useTaskMembers = (taskId: string) => useQuery({ queryKey: ['task-members', taskId], queryFn: () => api<TaskMembers>(taskMembersUrl(taskId)) });

/** The preview (or commit) of an invitation before sign-up, or of its withdrawal. */
export type InvitationChange = ResponseOf<typeof tasksContract.withdrawInvitation>;
export type TaskInvitation = TaskMembers['invitations'][number];

export const taskInvitationsUrl = (taskId: string) => `/api/v1/tasks/${taskId}/invitations`;
