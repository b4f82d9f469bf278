import type { RouteContract } from './route.ts';
import { notificationsContract } from './notifications.ts';

/** Every area of the API contract; the app's contract test checks each entry is served as written. */
export const contractAreas: Record<string, Record<string, RouteContract>> = {
  notifications: notificationsContract,
};
