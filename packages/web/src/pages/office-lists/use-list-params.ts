import { useSearchParams } from 'react-router-dom';

/**
 * A list's search, filters and page, kept in the address so a link or a reload shows the same rows.
 * Changing a filter goes back to the first page.
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(keys.map((k) => [k, search.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(search.get('page')) || 1);
  // rows per page: 25 unless the address asks for 1–100 (the API's bound)
  const pageSize = Math.min(100, Math.max(1, Number(search.get('pageSize')) || 25));
  const setFilter = (k: K, v: string | null) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setSearch(next, { replace: true });
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(search);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    setSearch(next, { replace: true });
  };
  /** the filters that are set, as a query string for the API */
  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(extra);
    for (const k of keys) if (filters[k]) q.set(k, filters[k]);
    return q;
  };
  return { filters, page, pageSize, setFilter, setPage, query, reset: () => setSearch(new URLSearchParams(), { replace: true }) };
}
