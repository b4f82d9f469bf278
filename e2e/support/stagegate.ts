import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { apiAs, pageAs } from './people.ts';
import { startStagegate } from './server.ts';
import { startSmtpInbox, type SmtpInbox } from '../../packages/app/test/support/smtp-inbox.ts';

type Viewport = { width: number; height: number };
type Server = Awaited<ReturnType<typeof startStagegate>>;

export interface PageOptions {
  viewport?: Viewport;
  locale?: 'ko-KR' | 'en-US';
  /** Korea's by default; a test of "times show in Seoul" passes another zone */
  timezoneId?: string;
  acceptDownloads?: boolean;
}

/** One test file's Stagegate: a real server on the demo data, a Chromium, and the people who use them. */
export interface Stagegate {
  readonly url: string;
  readonly dataDir: string;
  readonly browser: Browser;
  /** the loopback SMTP server the Stagegate mails to, when the file asked for one */
  readonly smtp: SmtpInbox;
  /** a page signed in as a demo person, in Korean, in a browser outside Korea's time zone */
  as(email: string, viewport?: Viewport): Promise<Page>;
  /** a page with nobody signed in */
  page(opts?: PageOptions): Promise<Page>;
  /** a session outside the browser, to set up a state or read what the API says */
  api(email: string): ReturnType<typeof apiAs>;
}

export interface StagegateOptions {
  /** environment for `stagegate serve`, e.g. the Slurm emulator's file; may depend on the SMTP server */
  env?: (smtp: SmtpInbox | undefined) => Record<string, string> | Promise<Record<string, string>>;
  /** start a loopback SMTP server and point STAGEGATE_SMTP_URL at it */
  smtp?: boolean;
  /** load the home page once before the tests: a fresh server's first page is slow on a busy machine */
  warm?: boolean;
  /** run once the server and browser are up, e.g. to build the state every test of the file starts from */
  setUp?: (sg: Stagegate) => Promise<void>;
  tearDown?: () => Promise<void>;
}

/**
 * Starts Stagegate (README's start command on a fresh data folder) and Chromium before the file's
 * tests and stops them after, so each browser test states only what it needs: the server's
 * environment and the state it starts from.
 */
export function useStagegate(opts: StagegateOptions = {}): Stagegate {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let smtp: SmtpInbox | undefined;
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not started: use it inside a test or beforeAll`);
    return v;
  };
  const sg: Stagegate = {
    get url() {
      return need(server, 'the server').url;
    },
    get dataDir() {
      return need(server, 'the server').dataDir;
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get smtp() {
      return need(smtp, 'the SMTP server (useStagegate({ smtp: true }))');
    },
    as: (email, viewport) => pageAs(sg.browser, sg.url, email, viewport),
    async page(o = {}) {
      const context = await sg.browser.newContext({
        locale: o.locale ?? 'ko-KR',
        timezoneId: o.timezoneId ?? 'Asia/Seoul',
        acceptDownloads: o.acceptDownloads ?? false,
        viewport: o.viewport ?? { width: 1440, height: 1000 },
      });
      return context.newPage();
    },
    api: (email) => apiAs(sg.url, email),
  };

  beforeAll(async () => {
    if (opts.smtp) smtp = await startSmtpInbox();
    const env: Record<string, string> = smtp ? { STAGEGATE_SMTP_URL: smtp.url } : {};
    server = await startStagegate({ ...env, ...(await opts.env?.(smtp)) });
    browser = await launchBrowser();
    if (opts.warm) {
      const warm = await browser.newPage();
      await warm.goto(server.url);
      await warm.getByRole('heading', { name: '사업 목록' }).waitFor({ timeout: 90_000 });
      await warm.close();
    }
    await opts.setUp?.(sg);
  }, 300_000);
  afterAll(async () => {
    try {
      await opts.tearDown?.();
    } finally {
      await browser?.close();
      await server?.stop();
      await smtp?.close();
    }
  });
  return sg;
}
