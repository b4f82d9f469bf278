import type { RouteObject } from 'react-router-dom';
import type { Actor } from './api/types';

/**
 * One area of the UI (programs, applications, review, allocations, …): its routes and its links in
 * the header. Each lives in `areas/<name>.tsx` and is found by main.tsx, so adding an area never
 * edits a shared file.
 */
export interface Area {
  order: number;
  routes: RouteObject[];
  nav?: { to: string; labelKey: string; visible: (actor: Actor | null | undefined) => boolean }[];
}

export const areas: Area[] = Object.values(import.meta.glob<{ area: Area }>('./areas/*.tsx', { eager: true }))
  .map((m) => m.area)
  .sort((a, b) => a.order - b.order);
