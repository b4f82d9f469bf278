import type { Area } from '../areas';
import { page } from '../lazy-page';

/** A task's people (team accounts): the office manages them, a team member reads its own. Reached from the allocations table. */
export const area: Area = {
  order: 63,
  routes: [{ path: '/tasks/:taskId/members', lazy: page(() => import('../pages/tasks/TaskMembersPage'), 'TaskMembersPage') }],
};
