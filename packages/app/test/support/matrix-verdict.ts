/**
 * What the authorisation matrix counts as right, as plain functions so the judgement itself is
 * tested: a route open to a role must answer it (a crash is no answer), a closed one refuses with
 * 401/403; an object of one's own is reachable, anyone else's is not (403 or 404).
 */
export interface RouteOutcome {
  allowed: boolean;
  anonymous: boolean;
  status: number;
  body: string;
}

const errorCode = (body: string): string | undefined => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/** null when the outcome is right, else why it is wrong. */
export function routeVerdict(o: RouteOutcome): string | null {
  if (o.allowed) {
    if (o.status === 401 || o.status === 403) return `should be open, answered ${o.status}`;
    if (o.status >= 500) return `crashed with ${o.status}: ${o.body.slice(0, 300)}`;
    return null;
  }
  const want = o.anonymous ? 401 : 403;
  const code = o.anonymous ? 'unauthenticated' : 'forbidden';
  if (o.status !== want || errorCode(o.body) !== code) return `should be closed with ${want} ${code}, answered ${o.status}`;
  return null;
}

export function ownershipVerdict(o: { ownership: 'own' | 'other' | 'unassigned'; status: number; body: string }): string | null {
  if (o.status >= 500) return `crashed with ${o.status}: ${o.body.slice(0, 300)}`;
  if (o.ownership === 'own') return [401, 403, 404].includes(o.status) ? `refused its own object with ${o.status}: ${o.body.slice(0, 300)}` : null;
  return [403, 404].includes(o.status) ? null : `reached an object not its own (${o.status}): ${o.body.slice(0, 300)}`;
}
