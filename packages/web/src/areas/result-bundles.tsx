import type { Area } from '../areas';
import { ResultBundlesPage } from '../pages/result-bundles/ResultBundlePages';

export const area: Area = {
  order: 72,
  routes: [{ path: '/results/bundles', element: <ResultBundlesPage /> }],
  nav: [{ to: '/results/bundles', labelKey: 'resultBundles.nav', visible: () => true }],
};
