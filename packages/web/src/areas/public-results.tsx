import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 71,
  routes: [{ path: '/results/selection', lazy: page(() => import('../pages/public-results/SelectionResultsPage'), 'SelectionResultsPage') }],
  nav: [{ to: '/results/selection', labelKey: 'publicResults.nav', visible: () => true }],
};
