import type { Area } from '../areas';
import { HomePage } from '../pages/HomePage';
import { ProgramPage } from '../pages/ProgramPage';
import { ProgramEditorPage } from '../pages/ProgramEditorPage';
import { AuditPage } from '../pages/AuditPage';
import { SignInPage, SignUpPage } from '../pages/SignInPage';

export const area: Area = {
  order: 0,
  routes: [
    { path: '/', element: <HomePage /> },
    { path: '/programs/:slug', element: <ProgramPage /> },
    { path: '/programs/:slug/edit', element: <ProgramEditorPage /> },
    { path: '/audit', element: <AuditPage /> },
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/sign-up', element: <SignUpPage /> },
  ],
  nav: [
    { to: '/', labelKey: 'nav.home', visible: () => true },
    { to: '/audit', labelKey: 'nav.audit', visible: (a) => a?.role === 'operator' },
  ],
};
