import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 0,
  routes: [
    { path: '/', lazy: page(() => import('../pages/HomePage'), 'HomePage') },
    { path: '/programs/:slug', lazy: page(() => import('../pages/ProgramPage'), 'ProgramPage') },
    { path: '/programs/:slug/edit', lazy: page(() => import('../pages/ProgramEditorPage'), 'ProgramEditorPage') },
    { path: '/audit', lazy: page(() => import('../pages/audit/AuditPage'), 'AuditPage') },
    { path: '/sign-in', lazy: page(() => import('../pages/SignInPage'), 'SignInPage') },
    { path: '/sign-up', lazy: page(() => import('../pages/SignInPage'), 'SignUpPage') },
  ],
  nav: [
    { to: '/', labelKey: 'nav.home', visible: () => true },
    { to: '/audit', labelKey: 'nav.audit', visible: (a) => a?.role === 'operator' },
  ],
};
