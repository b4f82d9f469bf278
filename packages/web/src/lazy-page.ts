import type { ComponentType } from 'react';
import type { LazyRouteFunction, RouteObject } from 'react-router-dom';

/**
 * A route whose page module is fetched when the route is first visited, so the first page does not
 * download every area. It lives apart from areas.ts: areas.ts imports every area file, and an area
 * file importing a value back from it made a cycle that crashed the built app at load.
 */
export function page<M>(load: () => Promise<M>, name: keyof M & string): LazyRouteFunction<RouteObject> {
  return async () => ({ Component: (await load())[name] as ComponentType });
}
