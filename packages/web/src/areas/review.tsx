import type { Area } from '../areas';
import { ReviewOfficePage } from '../pages/review/ReviewOfficePage';
import { MyReviewsPage } from '../pages/review/MyReviewsPage';
import { ScoringPage } from '../pages/review/ScoringPage';
import { InvitationPage } from '../pages/review/InvitationPage';
import { ResultPage } from '../pages/review/ResultPage';

export const area: Area = {
  order: 20,
  routes: [
    { path: '/review/office', element: <ReviewOfficePage /> },
    { path: '/review/office/:program/:call', element: <ReviewOfficePage /> },
    { path: '/review/office/:program/:call/:tab', element: <ReviewOfficePage /> },
    { path: '/review/me', element: <MyReviewsPage /> },
    { path: '/review/me/:roundId/:applicationId', element: <ScoringPage /> },
    { path: '/review/invitations/:token', element: <InvitationPage /> },
    { path: '/review/results/:id', element: <ResultPage /> },
  ],
  nav: [
    { to: '/review/office', labelKey: 'review.nav.office', visible: (a) => a?.role === 'operator' },
    { to: '/review/me', labelKey: 'review.nav.mine', visible: (a) => a?.role === 'reviewer' },
  ],
};
