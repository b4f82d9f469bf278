import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 70,
  routes: [
    { path: '/stage-evaluations', lazy: page(() => import('../pages/stage-evaluation/StageEvaluationPage'), 'StageEvaluationListPage') },
    { path: '/stage-evaluations/:id', lazy: page(() => import('../pages/stage-evaluation/StageEvaluationPage'), 'StageEvaluationPage') },
    { path: '/stage-evaluations/:id/teams/:team', lazy: page(() => import('../pages/stage-evaluation/TeamPage'), 'TeamPage') },
    { path: '/my/stage-evaluations', lazy: page(() => import('../pages/stage-evaluation/TeamPage'), 'MyTeamsPage') },
    { path: '/results', lazy: page(() => import('../pages/stage-evaluation/PublicResultsPage'), 'PublicResultsListPage') },
    { path: '/results/:id', lazy: page(() => import('../pages/stage-evaluation/PublicResultsPage'), 'PublicResultsPage') },
  ],
  nav: [
    { to: '/results', labelKey: 'stageEvaluation.nav.results', visible: () => true },
    { to: '/stage-evaluations', labelKey: 'stageEvaluation.nav.workbench', visible: (a) => a?.role === 'operator' || a?.role === 'reviewer' },
    { to: '/my/stage-evaluations', labelKey: 'stageEvaluation.nav.mine', visible: (a) => a?.role === 'applicant' },
  ],
};
