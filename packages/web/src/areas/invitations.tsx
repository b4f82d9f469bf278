import type { Area } from '../areas';
import { page } from '../lazy-page';

/** The invitations addressed to me (into tasks and organisations), accepted or declined signed in. */
export const area: Area = {
  order: 64,
  routes: [{ path: '/invitations', lazy: page(() => import('../pages/invitations/InvitationsPage'), 'InvitationsPage') }],
  nav: [{ to: '/invitations', labelKey: 'invitations.nav', visible: (a) => a?.role === 'applicant' }],
};
