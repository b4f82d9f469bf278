import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 60,
  routes: [
    { path: '/allocations', lazy: page(() => import('../pages/allocations/AllocationsPage'), 'AllocationsPage') },
    { path: '/allocations/tasks/:taskId/usage', lazy: page(() => import('../pages/allocations/TaskUsagePage'), 'TaskUsagePage') },
  ],
  nav: [{ to: '/allocations', labelKey: 'allocations.nav', visible: (a) => !!a }],
};
