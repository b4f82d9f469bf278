import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LocalizedText } from '../../api/types';

export type TaskRole = 'lead' | 'member';

export interface TaskOrganisation {
  id: string;
  name: LocalizedText;
}

/** GET /api/v1/tasks/:id/members */
export interface TaskMembers {
  task: { id: string; key: string; programSlug: string; name: LocalizedText; status: string; leadOrganisationName: LocalizedText | null };
  members: {
    clusterUsername: string;
    userId: string | null;
    name: string | null;
    email: string | null;
    role: string;
    addedAt: string;
    organisations: TaskOrganisation[];
  }[];
  organisations: TaskOrganisation[];
  organisationsFrom: 'application' | 'members';
  stageEvaluations: { id: string; name: LocalizedText }[];
  canManage: boolean;
}

/** The preview (or commit) of one change of a task's people. */
export interface MemberChange {
  status: 'preview' | 'committed';
  change: {
    kind: 'add' | 'role' | 'remove';
    clusterUsername: string;
    name: string | null;
    email: string | null;
    roleBefore: string | null;
    roleAfter: string | null;
    organisations: TaskOrganisation[];
    leadsBefore: number;
    leadsAfter: number;
  };
}

export const taskMembersUrl = (taskId: string) => `/api/v1/tasks/${taskId}/members`;

export const useTaskMembers = (taskId: string) => useQuery({ queryKey: ['task-members', taskId], queryFn: () => api<TaskMembers>(taskMembersUrl(taskId)) });
