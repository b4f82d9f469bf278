import type { Actor } from '../auth/actor.ts';

export type ResultBundleAction = 'readPublished';

/**
 * Result bundles are the public record: anyone, signed in or not, may read and download the bundle
 * of a result while it is published (the routes refuse bundles of results not published now).
 */
export function canResultBundle(_actor: Actor | null, action: ResultBundleAction): boolean {
  switch (action) {
    case 'readPublished':
      return true;
  }
}
