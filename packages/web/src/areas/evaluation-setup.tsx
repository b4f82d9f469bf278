import type { Area } from '../areas';
import { page } from '../lazy-page';

// after the stage-evaluation (70) and arena (75) areas: the office's forms that create them
export const area: Area = {
  order: 76,
  routes: [
    { path: '/stage-evaluations/new', lazy: page(() => import('../pages/evaluation-setup/StageEvaluationNewPage'), 'StageEvaluationNewPage') },
    { path: '/arena/new', lazy: page(() => import('../pages/evaluation-setup/ArenaNewPage'), 'ArenaNewPage') },
    { path: '/final-evaluations/new', lazy: page(() => import('../pages/evaluation-setup/FinalEvaluationNewPage'), 'FinalEvaluationNewPage') },
  ],
  nav: [
    { to: '/stage-evaluations/new', labelKey: 'evaluationSetup.navStage', visible: (a) => a?.role === 'operator' },
    { to: '/arena/new', labelKey: 'evaluationSetup.navArena', visible: (a) => a?.role === 'operator' },
    { to: '/final-evaluations/new', labelKey: 'evaluationSetup.navFinal', visible: (a) => a?.role === 'operator' },
  ],
};
