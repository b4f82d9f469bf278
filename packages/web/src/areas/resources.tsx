import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 62,
  routes: [{ path: '/resources', lazy: page(() => import('../pages/resources/ResourcesPage'), 'ResourcesPage') }],
  nav: [{ to: '/resources', labelKey: 'resources.nav', visible: (a) => !!a }],
};
