import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 40,
  routes: [
    { path: '/evaluation', lazy: page(() => import('../pages/evaluation/TasksPage'), 'EvaluationTasksPage') },
    { path: '/evaluation/tasks/:taskId', lazy: page(() => import('../pages/evaluation/ResultsPage'), 'EvaluationResultsPage') },
    { path: '/evaluation/tasks/:taskId/import', lazy: page(() => import('../pages/evaluation/ImportPage'), 'EvaluationImportPage') },
    { path: '/provenance', lazy: page(() => import('../pages/evaluation/ProvenancePage'), 'ProvenancePage') },
    { path: '/provenance/:id', lazy: page(() => import('../pages/evaluation/ComparisonPage'), 'ComparisonPage') },
  ],
  nav: [
    { to: '/evaluation', labelKey: 'evaluation.nav.results', visible: (a) => a?.role === 'operator' || a?.role === 'evaluator' || a?.role === 'applicant' },
    { to: '/provenance', labelKey: 'evaluation.nav.provenance', visible: (a) => a?.role === 'operator' || a?.role === 'evaluator' },
  ],
};
