import type { Area } from '../areas';
import { EvaluationTasksPage } from '../pages/evaluation/TasksPage';
import { EvaluationResultsPage } from '../pages/evaluation/ResultsPage';
import { EvaluationImportPage } from '../pages/evaluation/ImportPage';
import { ProvenancePage } from '../pages/evaluation/ProvenancePage';
import { ComparisonPage } from '../pages/evaluation/ComparisonPage';

export const area: Area = {
  order: 40,
  routes: [
    { path: '/evaluation', element: <EvaluationTasksPage /> },
    { path: '/evaluation/tasks/:taskId', element: <EvaluationResultsPage /> },
    { path: '/evaluation/tasks/:taskId/import', element: <EvaluationImportPage /> },
    { path: '/provenance', element: <ProvenancePage /> },
    { path: '/provenance/:id', element: <ComparisonPage /> },
  ],
  nav: [
    { to: '/evaluation', labelKey: 'evaluation.nav.results', visible: (a) => a?.role === 'operator' || a?.role === 'evaluator' || a?.role === 'applicant' },
    { to: '/provenance', labelKey: 'evaluation.nav.provenance', visible: (a) => a?.role === 'operator' || a?.role === 'evaluator' },
  ],
};
