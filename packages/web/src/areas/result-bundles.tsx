import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 72,
  routes: [{ path: '/results/bundles', lazy: page(() => import('../pages/result-bundles/ResultBundlePages'), 'ResultBundlesPage') }],
  nav: [{ to: '/results/bundles', labelKey: 'resultBundles.nav', visible: () => true }],
};
