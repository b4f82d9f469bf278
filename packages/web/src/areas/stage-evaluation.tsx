import type { Area } from '../areas';
import { StageEvaluationListPage, StageEvaluationPage } from '../pages/stage-evaluation/StageEvaluationPage';
import { PublicResultsListPage, PublicResultsPage } from '../pages/stage-evaluation/PublicResultsPage';
import { MyTeamsPage, TeamPage } from '../pages/stage-evaluation/TeamPage';

export const area: Area = {
  order: 70,
  routes: [
    { path: '/stage-evaluations', element: <StageEvaluationListPage /> },
    { path: '/stage-evaluations/:id', element: <StageEvaluationPage /> },
    { path: '/stage-evaluations/:id/teams/:team', element: <TeamPage /> },
    { path: '/my/stage-evaluations', element: <MyTeamsPage /> },
    { path: '/results', element: <PublicResultsListPage /> },
    { path: '/results/:id', element: <PublicResultsPage /> },
  ],
  nav: [
    { to: '/results', labelKey: 'stageEvaluation.nav.results', visible: () => true },
    { to: '/stage-evaluations', labelKey: 'stageEvaluation.nav.workbench', visible: (a) => a?.role === 'operator' || a?.role === 'reviewer' },
    { to: '/my/stage-evaluations', labelKey: 'stageEvaluation.nav.mine', visible: (a) => a?.role === 'applicant' },
  ],
};
