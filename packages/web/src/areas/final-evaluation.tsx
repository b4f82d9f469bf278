import type { Area } from '../areas';
import { FinalEvaluationListPage, FinalEvaluationPage } from '../pages/final-evaluation/FinalEvaluationPages';
import { NegotiationPage } from '../pages/final-evaluation/NegotiationPage';

export const area: Area = {
  order: 80,
  routes: [
    { path: '/final-evaluations', element: <FinalEvaluationListPage /> },
    { path: '/final-evaluations/:id', element: <FinalEvaluationPage /> },
    { path: '/support-proposals/:id', element: <NegotiationPage /> },
  ],
  nav: [{ to: '/final-evaluations', labelKey: 'finalEvaluation.nav', visible: (a) => a?.role === 'operator' || a?.role === 'applicant' }],
};
