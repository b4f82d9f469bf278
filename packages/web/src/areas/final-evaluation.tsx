import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 80,
  routes: [
    { path: '/final-evaluations', lazy: page(() => import('../pages/final-evaluation/FinalEvaluationPages'), 'FinalEvaluationListPage') },
    { path: '/final-evaluations/:id', lazy: page(() => import('../pages/final-evaluation/FinalEvaluationPages'), 'FinalEvaluationPage') },
    { path: '/support-proposals/:id', lazy: page(() => import('../pages/final-evaluation/NegotiationPage'), 'NegotiationPage') },
  ],
  nav: [{ to: '/final-evaluations', labelKey: 'finalEvaluation.nav', visible: (a) => a?.role === 'operator' || a?.role === 'applicant' }],
};
