import type { Area } from '../areas';
import { page } from '../lazy-page';

const operator = (a: { role: string } | null | undefined) => a?.role === 'operator';

export const area: Area = {
  order: 5.5,
  routes: [
    { path: '/office/applications', lazy: page(() => import('../pages/office-lists/ApplicationListPage'), 'ApplicationListPage') },
    { path: '/office/organisations', lazy: page(() => import('../pages/office-lists/OrganisationListPage'), 'OrganisationListPage') },
    { path: '/office/jobs', lazy: page(() => import('../pages/office-lists/JobListPage'), 'JobListPage') },
    { path: '/office/usage', lazy: page(() => import('../pages/office-lists/UsageListPage'), 'UsageListPage') },
  ],
  nav: [
    { to: '/office/applications', labelKey: 'lists.applications.nav', visible: operator },
    { to: '/office/organisations', labelKey: 'lists.organisations.nav', visible: operator },
    { to: '/office/jobs', labelKey: 'lists.jobs.nav', visible: operator },
    { to: '/office/usage', labelKey: 'lists.usage.nav', visible: operator },
  ],
};
