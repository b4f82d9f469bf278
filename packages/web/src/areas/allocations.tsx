import type { Area } from '../areas';
import { AllocationsPage } from '../pages/allocations/AllocationsPage';
import { TaskUsagePage } from '../pages/allocations/TaskUsagePage';

export const area: Area = {
  order: 60,
  routes: [
    { path: '/allocations', element: <AllocationsPage /> },
    { path: '/allocations/tasks/:taskId/usage', element: <TaskUsagePage /> },
  ],
  nav: [{ to: '/allocations', labelKey: 'allocations.nav', visible: (a) => !!a }],
};
