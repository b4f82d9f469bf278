import type { Area } from '../areas';
import { OpenSourcePage } from '../pages/open-source/OpenSourcePage';

export const area: Area = {
  order: 85,
  routes: [{ path: '/open-source', element: <OpenSourcePage /> }],
  nav: [{ to: '/open-source', labelKey: 'openSource.nav', visible: () => true }],
};
