import type { Area } from '../areas';
import { ResourcesPage } from '../pages/resources/ResourcesPage';

export const area: Area = {
  order: 62,
  routes: [{ path: '/resources', element: <ResourcesPage /> }],
  nav: [{ to: '/resources', labelKey: 'resources.nav', visible: (a) => !!a }],
};
