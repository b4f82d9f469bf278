import type { Browser, Page } from 'playwright-core';

/** A browser context signed in as a demo person, in Korean, in a browser that is not in Korea's time zone. */
export async function pageAs(browser: Browser, baseUrl: string, email: string, viewport = { width: 1500, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'America/New_York', viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill('stagegate-demo');
  await page.getByRole('button', { name: '로그인' }).click();
  // attached, not visible: on a phone the header keeps the address out of sight
  await page.getByTestId('signed-in-as').waitFor({ state: 'attached' });
  return page;
}

/** A context with nobody signed in. */
export async function publicPage(browser: Browser, viewport = { width: 1500, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'America/New_York', viewport });
  return context.newPage();
}

/** A session outside the browser, for setup and for reading what the API says. */
export async function apiAs(baseUrl: string, email: string) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password: 'stagegate-demo' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, origin: baseUrl, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: (await r.json()) as T };
  };
}
