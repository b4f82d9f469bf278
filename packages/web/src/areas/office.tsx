import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 5,
  routes: [{ path: '/office', lazy: page(() => import('../pages/office/OfficeHomePage'), 'OfficeHomePage') }],
  nav: [{ to: '/office', labelKey: 'office.nav', visible: (a) => a?.role === 'operator' }],
};
