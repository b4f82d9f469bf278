import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { publicPage } from './support/people.ts';
import { koreanTextProblems } from './support/korean-text.ts';
import { walkPages } from './support/page-walk.ts';

const sg = useStagegate();

// Issue 15 item 7: every page each role can reach, in Korean, read as a Korean reader would.
// task numbers are names the program gives (sfm-01, kai-lg): shown as they are, in any language
let taskKeys: Set<string>;

beforeAll(async () => {
  const operator = await sg.api('operator@demo.stagegate.kr');
  const tasks = await operator<{ tasks: { key: string }[] }>('GET', '/api/v1/evaluation/tasks');
  taskKeys = new Set(tasks.json.tasks.map((t) => t.key));
  expect(taskKeys.size).toBeGreaterThan(0);
});

/** The visible texts, placeholders and labels of the page, except what is marked `translate="no"` (commands, file contents). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null) => !el || el.closest('[translate="no"], script, style, noscript, pre') !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (skip(el) || !(el as HTMLElement).checkVisibility()) continue;
      const t = n.textContent?.trim();
      if (t) out.push(t);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (skip(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

async function koreanProblems(page: Page, path: string): Promise<string[]> {
  const missingKeys = await page.evaluate(() => {
    const w = window as unknown as { __stagegateMissingKeys?: string[] };
    const keys = [...new Set(w.__stagegateMissingKeys ?? [])];
    w.__stagegateMissingKeys = [];
    return keys;
  });
  const problems = (await visibleTexts(page)).flatMap((t) => koreanTextProblems(t, taskKeys));
  return [...missingKeys.map((k) => `${path}: untranslated key ${k}`), ...problems.map((p) => `${path}: ${p.kind} «${p.text}»`)];
}

describe('issue 15 item 7: every page reads as Korean', () => {
  it('the checker itself catches each kind of problem and lets names through', () => {
    expect(koreanTextProblems('변경: phases.1.end').map((p) => p.kind)).toEqual(['path']);
    expect(koreanTextProblems('컨소시엄은(는) 제출되었습니다').map((p) => p.kind)).toEqual(['particle-placeholder']);
    expect(koreanTextProblems('No applications yet').map((p) => p.kind)).toEqual(['english']);
    expect(koreanTextProblems('under_review').map((p) => p.kind)).toEqual(['code']);
    expect(koreanTextProblems('과제 0725d146-9946-449d-a09a-79c146ab4033').map((p) => p.kind)).toEqual(['id']);
    for (const name of [
      'operator@demo.stagegate.kr',
      'EXAONE 4.0',
      'NVIDIA B200 512장',
      'sfm-01',
      'receipt.pdf',
      'MMLU-Pro',
      '2026. 9. 4.',
      'demo-team-a-32b',
      'byline.network',
    ])
      expect(koreanTextProblems(name), name).toEqual([]);
  });

  const roles: { who: string; email?: string; seeds: string[] }[] = [
    { who: 'public', seeds: ['/', '/results', '/open-source', '/calls', '/arena', '/sign-in', '/sign-up', '/forgot-password'] },
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
        '/resources',
        '/evaluation',
        '/provenance',
        '/stage-evaluations',
        '/final-evaluations',
        '/arena',
        '/audit',
        '/outbox',
        '/notifications',
        '/organisations',
        '/results/bundles',
        '/programs/specialized-fm/edit',
        '/programs/k-ai/edit',
        '/open-source',
      ],
    },
    {
      who: 'applicant',
      email: 'applicant@demo.stagegate.kr',
      seeds: ['/applications', '/calls', '/organisations', '/allocations', '/my/stage-evaluations', '/notifications', '/invitations'],
    },
    { who: 'reviewer', email: 'reviewer@demo.stagegate.kr', seeds: ['/review/me', '/notifications'] },
    { who: 'evaluator', email: 'evaluator@demo.stagegate.kr', seeds: ['/arena', '/notifications'] },
  ];
  for (const role of roles) {
    it(`as ${role.who}: no untranslated key, JSON path, particle placeholder or English sentence`, async () => {
      const page = role.email ? await sg.as(role.email) : await publicPage(sg.browser);
      const reports = await walkPages(page, sg.url, role.seeds, koreanProblems);
      await screenshot(page, `korean-walk-${role.who}-last`);
      await page.context().close();
      expect(reports.length, 'pages walked').toBeGreaterThan(role.seeds.length - 1);
      console.log(`${role.who}: ${reports.length} pages walked`);
      const found = reports.flatMap((r) => r.findings);
      // the whole list, not vitest's shortened diff: each line is one thing to fix
      if (found.length) console.error(`${role.who}: ${found.length} problems\n${found.join('\n')}`);
      expect(found).toEqual([]);
    }, 600_000);
  }
});
