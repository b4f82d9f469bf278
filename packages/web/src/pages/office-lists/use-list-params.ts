import { useSearchParams } from 'react-router-dom';
import { defaultSorts, MAX_PAGE_SIZE, officeSorts, type OfficeList, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';

/**
 * A list's search, filters, sort, page and page size, kept in the address so a link or a reload
 * shows the same rows. Changing a filter, the sort or the page size goes back to the first page.
 * A sort the API does not know is read as no sort (the list's own order), never sent.
 */
export function useListParams<K extends string, L extends OfficeList>(keys: readonly K[], list: L, opts: { pageSize?: number } = {}) {
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(keys.map((k) => [k, search.get(k) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(search.get('page')) || 1);
  const defaultPageSize = opts.pageSize ?? 25;
  // rows per page: the list's default unless the address asks for 1–100 (the API's bound)
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(search.get('pageSize')) || defaultPageSize));
  const asked = search.get('sort');
  const known = (officeSorts[list] as readonly string[]).includes(asked ?? '');
  const sort = (known ? asked : defaultSorts[list].sort) as OfficeSort<L>;
  const askedOrder = search.get('order');
  const order: SortOrder = known && (askedOrder === 'asc' || askedOrder === 'desc') ? askedOrder : known ? 'asc' : defaultSorts[list].order;

  const change = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(search);
    edit(next);
    setSearch(next, { replace: true });
  };
  const setFilter = (k: K, v: string | null) =>
    change((next) => {
      if (v) next.set(k, v);
      else next.delete(k);
      next.delete('page');
    });
  const setPage = (p: number) =>
    change((next) => {
      if (p > 1) next.set('page', String(p));
      else next.delete('page');
    });
  const setPageSize = (n: number) =>
    change((next) => {
      if (n === defaultPageSize) next.delete('pageSize');
      else next.set('pageSize', String(n));
      next.delete('page');
    });
  /** a column's header: the same column again turns the order round; another starts the way it reads best */
  const setSort = (column: OfficeSort<L>, firstOrder: SortOrder) =>
    change((next) => {
      next.set('sort', column);
      next.set('order', column === sort ? (order === 'asc' ? 'desc' : 'asc') : firstOrder);
      next.delete('page');
    });
  /** the filters and sort that are set, as a query string for the API */
  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(extra);
    for (const k of keys) if (filters[k]) q.set(k, filters[k]);
    if (known) {
      q.set('sort', sort);
      q.set('order', order);
    }
    return q;
  };
  return {
    filters,
    page,
    pageSize,
    sort,
    order,
    setFilter,
    setPage,
    setPageSize,
    setSort,
    query,
    /** clears the search and filters; the sort and page size stay as the office chose them */
    reset: () =>
      change((next) => {
        for (const k of [...keys, 'page']) next.delete(k);
      }),
  };
}
