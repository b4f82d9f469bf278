import type { Area } from '../areas';
import { page } from '../lazy-page';

export const area: Area = {
  order: 95,
  routes: [
    { path: '/notifications', lazy: page(() => import('../pages/notifications/NotificationsPage'), 'NotificationsPage') },
    { path: '/outbox', lazy: page(() => import('../pages/notifications/OutboxPage'), 'OutboxPage') },
  ],
  nav: [
    { to: '/notifications', labelKey: 'notifications.nav', visible: (a) => !!a },
    { to: '/outbox', labelKey: 'notifications.outbox.nav', visible: (a) => a?.role === 'operator' },
  ],
};
