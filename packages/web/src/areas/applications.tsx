import type { Area } from '../areas';
import { OrganisationsPage } from '../pages/applications/OrganisationsPage';
import { CallsPage } from '../pages/applications/CallsPage';
import { MyApplicationsPage } from '../pages/applications/MyApplicationsPage';
import { ApplicationPage } from '../pages/applications/ApplicationPage';
import { ReceiptPage } from '../pages/applications/ReceiptPage';
import { OfficeApplicationsPage } from '../pages/applications/OfficeApplicationsPage';

export const area: Area = {
  order: 10,
  routes: [
    { path: '/calls', element: <CallsPage /> },
    { path: '/organisations', element: <OrganisationsPage /> },
    { path: '/applications', element: <MyApplicationsPage /> },
    { path: '/applications/:id', element: <ApplicationPage /> },
    { path: '/applications/:id/receipt', element: <ReceiptPage /> },
    { path: '/office/calls', element: <OfficeApplicationsPage /> },
    { path: '/office/calls/:program/:call', element: <OfficeApplicationsPage /> },
  ],
  nav: [
    { to: '/calls', labelKey: 'applications.nav.calls', visible: () => true },
    { to: '/organisations', labelKey: 'applications.nav.organisations', visible: (a) => a?.role === 'applicant' },
    { to: '/applications', labelKey: 'applications.nav.mine', visible: (a) => a?.role === 'applicant' },
    { to: '/office/calls', labelKey: 'applications.nav.office', visible: (a) => a?.role === 'operator' },
  ],
};
