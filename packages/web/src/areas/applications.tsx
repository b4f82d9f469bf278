import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 10,
  routes: [
    { path: '/calls', lazy: page(() => import('../pages/applications/CallsPage'), 'CallsPage') },
    { path: '/organisations', lazy: page(() => import('../pages/applications/OrganisationsPage'), 'OrganisationsPage') },
    { path: '/applications', lazy: page(() => import('../pages/applications/MyApplicationsPage'), 'MyApplicationsPage') },
    { path: '/applications/:id', lazy: page(() => import('../pages/applications/ApplicationPage'), 'ApplicationPage') },
    { path: '/applications/:id/receipt', lazy: page(() => import('../pages/applications/ReceiptPage'), 'ReceiptPage') },
    { path: '/office/calls', lazy: page(() => import('../pages/applications/OfficeApplicationsPage'), 'OfficeApplicationsPage') },
    { path: '/office/calls/:program/:call', lazy: page(() => import('../pages/applications/OfficeApplicationsPage'), 'OfficeApplicationsPage') },
  ],
  nav: [
    { to: '/calls', labelKey: 'applications.nav.calls', visible: () => true },
    { to: '/organisations', labelKey: 'applications.nav.organisations', visible: (a) => a?.role === 'applicant' },
    { to: '/applications', labelKey: 'applications.nav.mine', visible: (a) => a?.role === 'applicant' },
    { to: '/office/calls', labelKey: 'applications.nav.office', visible: (a) => a?.role === 'operator' },
  ],
};
