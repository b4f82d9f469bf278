import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 75,
  routes: [
    { path: '/arena', lazy: page(() => import('../pages/arena/ArenaListPage'), 'ArenaListPage') },
    { path: '/arena/:id', lazy: page(() => import('../pages/arena/ArenaResultsPage'), 'ArenaResultsPage') },
    { path: '/arena/:id/vote', lazy: page(() => import('../pages/arena/ArenaVotePage'), 'ArenaVotePage') },
    { path: '/arena/:id/likert', lazy: page(() => import('../pages/arena/ArenaLikertPage'), 'ArenaLikertPage') },
  ],
  nav: [{ to: '/arena', labelKey: 'arena.nav', visible: (a) => a?.role === 'evaluator' || a?.role === 'operator' }],
};
