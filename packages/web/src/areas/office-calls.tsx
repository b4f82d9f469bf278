import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 6,
  routes: [
    { path: '/office/program-calls', lazy: page(() => import('../pages/office-calls/OfficeCallsPage'), 'OfficeCallsPage') },
    { path: '/office/program-calls/:slug', lazy: page(() => import('../pages/office-calls/OfficeCallsPage'), 'OfficeCallsPage') },
  ],
  nav: [{ to: '/office/program-calls', labelKey: 'officeCalls.nav', visible: (a) => a?.role === 'operator' }],
};
