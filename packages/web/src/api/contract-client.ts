import type { CallInput, ParamsOf, QueryOf, RouteContract, ResponseOf } from '@stagegate/core/contract/route';
import { api } from './client';

/** The address of a contract route: `:name` filled from the params (encoded), the query appended. */
export function pathOf<C extends RouteContract>(c: C, input: { params?: ParamsOf<C>; query?: QueryOf<C> }): string {
  const params = (input.params ?? {}) as Record<string, string | number>;
  const path = c.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${c.method} ${c.path}: no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  });
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== '');
  return query.length ? `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString()}` : path;
}

/**
 * Calls a route of the API contract and answers what its response schema says: the types come from
 * the contract in core, so a change there breaks the page that relies on the old shape.
 */
export function call<C extends RouteContract>(c: C, ...[input]: object extends CallInput<C> ? [CallInput<C>?] : [CallInput<C>]): Promise<ResponseOf<C>> {
  const i = (input ?? {}) as { params?: ParamsOf<C>; query?: QueryOf<C>; body?: unknown };
  const body = i.body ?? (c.method === 'GET' ? undefined : {});
  return api<ResponseOf<C>>(pathOf(c, i), { method: c.method, body });
}
