import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 20,
  routes: [
    { path: '/review/office', lazy: page(() => import('../pages/review/ReviewOfficePage'), 'ReviewOfficePage') },
    { path: '/review/office/:program/:call', lazy: page(() => import('../pages/review/ReviewOfficePage'), 'ReviewOfficePage') },
    { path: '/review/office/:program/:call/:tab', lazy: page(() => import('../pages/review/ReviewOfficePage'), 'ReviewOfficePage') },
    { path: '/review/me', lazy: page(() => import('../pages/review/MyReviewsPage'), 'MyReviewsPage') },
    { path: '/review/me/:roundId/:applicationId', lazy: page(() => import('../pages/review/ScoringPage'), 'ScoringPage') },
    { path: '/review/invitations/:token', lazy: page(() => import('../pages/review/InvitationPage'), 'InvitationPage') },
    { path: '/review/results/:id', lazy: page(() => import('../pages/review/ResultPage'), 'ResultPage') },
  ],
  nav: [
    { to: '/review/office', labelKey: 'review.nav.office', visible: (a) => a?.role === 'operator' },
    { to: '/review/me', labelKey: 'review.nav.mine', visible: (a) => a?.role === 'reviewer' },
  ],
};
