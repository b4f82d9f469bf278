import type { Area } from '../areas';
import { ArenaListPage } from '../pages/arena/ArenaListPage';
import { ArenaVotePage } from '../pages/arena/ArenaVotePage';
import { ArenaLikertPage } from '../pages/arena/ArenaLikertPage';
import { ArenaResultsPage } from '../pages/arena/ArenaResultsPage';

export const area: Area = {
  order: 75,
  routes: [
    { path: '/arena', element: <ArenaListPage /> },
    { path: '/arena/:id', element: <ArenaResultsPage /> },
    { path: '/arena/:id/vote', element: <ArenaVotePage /> },
    { path: '/arena/:id/likert', element: <ArenaLikertPage /> },
  ],
  nav: [{ to: '/arena', labelKey: 'arena.nav', visible: (a) => a?.role === 'evaluator' || a?.role === 'operator' }],
};
