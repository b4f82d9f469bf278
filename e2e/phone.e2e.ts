import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { publicPage } from './support/people.ts';
import { walkPages } from './support/page-walk.ts';

const sg = useStagegate();

// Issue 15 item 8: at 390 px (a phone held upright) every page fits the screen and tables read as
// cards, for each role (the office's walk stops at 40 pages).
const PHONE = { width: 390, height: 844 };

/** What does not fit: the page scrolls sideways, or a table still shows as columns. */
async function phoneProblems(page: Page, path: string): Promise<string[]> {
  const { overflow, tables, unlabelled, squeezed, offscreen } = await page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    // each line of a card says which column it is (a column without a name is the card's title)
    let unlabelled = 0;
    for (const t of document.querySelectorAll('main table')) {
      const names = [...((t as HTMLTableElement).tHead?.rows[0]?.cells ?? [])].flatMap((th) => Array(th.colSpan).fill(th.textContent?.trim() ?? ''));
      for (const row of (t as HTMLTableElement).tBodies[0]?.rows ?? []) {
        let col = 0;
        for (const td of row.cells) {
          if (names[col] && !td.hasAttribute('data-label') && td.textContent?.trim()) unlabelled++;
          col += td.colSpan;
        }
      }
    }
    // a table in card form hides its header row and stacks each row's cells
    const tables = [...document.querySelectorAll('main table')]
      .filter((t) => (t as HTMLElement).checkVisibility())
      .filter((t) => {
        const head = t.querySelector('thead');
        return head !== null && getComputedStyle(head).display !== 'none';
      }).length;
    // a card line whose value lies outside the screen (clipped by a container that scrolls sideways)
    const offscreen = [...document.querySelectorAll('main table td > *')].filter(
      (el) => (el as HTMLElement).checkVisibility() && el.getBoundingClientRect().right > window.innerWidth + 1,
    ).length;
    // a form field squeezed too narrow to type in
    const squeezed = [...document.querySelectorAll('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main textarea')].filter(
      (i) => (i as HTMLElement).checkVisibility() && i.getBoundingClientRect().width < 60,
    ).length;
    return { overflow, tables, unlabelled, squeezed, offscreen };
  });
  const out: string[] = [];
  if (overflow > 1) out.push(`${path}: the page is ${overflow}px wider than the phone`);
  if (tables > 0) out.push(`${path}: ${tables} table(s) shown as columns`);
  if (offscreen > 0) out.push(`${path}: ${offscreen} value(s) in a table lie beyond the screen's edge`);
  if (squeezed > 0) out.push(`${path}: ${squeezed} form field(s) narrower than 60 px`);
  if (unlabelled > 0) out.push(`${path}: ${unlabelled} card line(s) without their column's name`);
  await screenshot(page, `phone${path.replaceAll('/', '_').replace(/[^\w-]/g, '')}`);
  return out;
}

describe('issue 15 item 8: on a phone', () => {
  const roles: { who: string; email?: string; seeds: string[] }[] = [
    { who: 'public', seeds: ['/', '/programs/specialized-fm', '/results', '/calls', '/sign-in', '/sign-up'] },
    {
      who: 'applicant',
      email: 'applicant@demo.stagegate.kr',
      seeds: ['/applications', '/calls', '/organisations', '/allocations', '/my/stage-evaluations', '/notifications'],
    },
    // a reviewer reads and scores between meetings, an arena evaluator votes, the office checks its desk away from it
    {
      who: 'operator',
      email: 'operator@demo.stagegate.kr',
      seeds: [
        '/office',
        '/office/applications',
        '/office/organisations',
        '/office/jobs',
        '/office/usage',
        '/office/calls',
        '/review/office',
        '/allocations',
        '/stage-evaluations',
        '/final-evaluations',
        '/audit',
        '/outbox',
      ],
    },
    { who: 'reviewer', email: 'reviewer@demo.stagegate.kr', seeds: ['/review/me', '/notifications'] },
    { who: 'evaluator', email: 'evaluator@demo.stagegate.kr', seeds: ['/arena', '/notifications'] },
  ];
  for (const role of roles) {
    it(`as ${role.who}: every page fits 390 px and its tables read as cards`, async () => {
      const page = role.email ? await sg.as(role.email, PHONE) : await publicPage(sg.browser, PHONE);
      const reports = await walkPages(page, sg.url, role.seeds, phoneProblems, { maxPages: 40 });
      await page.context().close();
      console.log(`${role.who}: ${reports.length} pages walked at 390 px`);
      const found = reports.flatMap((r) => r.findings);
      if (found.length) console.error(found.join('\n'));
      expect(found).toEqual([]);
    }, 600_000);
  }
});
