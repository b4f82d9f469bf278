import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 85,
  routes: [{ path: '/open-source', lazy: page(() => import('../pages/open-source/OpenSourcePage'), 'OpenSourcePage') }],
  nav: [{ to: '/open-source', labelKey: 'openSource.nav', visible: () => true }],
};
