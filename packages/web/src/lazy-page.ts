import type { ComponentType } from 'react';
import type { LazyRouteFunction, RouteObject } from 'react-router-dom';
import { bothLanguagesReady } from './i18n';

/**
 * A route whose page module is fetched when the route is first visited, so the first page does not
 * download every area. It lives apart from areas.ts: areas.ts imports every area file, and an area
 * file importing a value back from it made a cycle that crashed the built app at load.
 */
export function page<M>(load: () => Promise<M>, name: keyof M & string, languages: 'both' | 'chosen' = 'both'): LazyRouteFunction<RouteObject> {
  // a page may keep or send text in both languages (a new round's name, a form's issues), so both
  // sets of messages are in before it shows; the home page, where most visits start, needs only the
  // chosen one, and the other is not on its way
  return async () => {
    const [module] = await Promise.all([load(), languages === 'both' ? bothLanguagesReady() : undefined]);
    return { Component: module[name] as ComponentType };
  };
}
