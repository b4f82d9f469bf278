import type { Page } from 'playwright-core';

/** `/applications/3f2…/receipt` and `/applications/9ab…/receipt` are one page to check. */
function pattern(path: string): string {
  return path
    .split('/')
    .map((s) => (/\d/.test(s) && s.length > 6 ? ':id' : s))
    .join('/');
}

/**
 * Visits the pages a signed-in person reaches by following links from `seeds`, breadth first, at most
 * `perPattern` pages of one shape and `maxPages` in all, and asks `check` about each page once it has
 * settled. Returns each page's findings.
 */
export async function walkPages<T>(
  page: Page,
  baseUrl: string,
  seeds: string[],
  check: (page: Page, path: string) => Promise<T[]>,
  opts: { maxPages?: number; perPattern?: number } = {},
): Promise<{ path: string; findings: T[] }[]> {
  const maxPages = opts.maxPages ?? 70;
  const perPattern = opts.perPattern ?? 2;
  const seen = new Map<string, number>();
  const queue = [...seeds];
  const visited = new Set<string>();
  const out: { path: string; findings: T[] }[] = [];
  while (queue.length && out.length < maxPages) {
    const path = queue.shift()!;
    const p = pattern(path);
    if (visited.has(path) || (seen.get(p) ?? 0) >= perPattern) continue;
    visited.add(path);
    seen.set(p, (seen.get(p) ?? 0) + 1);
    await page.goto(`${baseUrl}${path}`);
    await page.locator('main').waitFor();
    // lazy pages and their queries settle; a page that polls (a running job) never goes quiet, so the wait is bounded
    await page.waitForLoadState('networkidle', { timeout: 8000 }).catch(() => undefined);
    await page.waitForTimeout(250);
    await page.waitForLoadState('networkidle', { timeout: 4000 }).catch(() => undefined);
    out.push({ path, findings: await check(page, path) });
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    for (const href of links) {
      if (!href.startsWith('/') || href.startsWith('/api/') || /\.\w{2,5}$/.test(href.split('?')[0]!)) continue;
      const clean = href.split('#')[0]!;
      if (!visited.has(clean)) queue.push(clean);
    }
  }
  return out;
}
