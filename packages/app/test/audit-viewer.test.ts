import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from './support/test-context.ts';

// Issue 15 item 6: the audit log as a viewer the office can read and narrow, a page at a time.
let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;

interface Entry {
  seq: number;
  action: string;
  objectType: string;
  objectId: string;
  reason: string | null;
  actor: { email: string; role: string } | null;
  objectName: { ko: string; en: string } | null;
}
type Page = { entries: Entry[]; nextBefore: number | null };

const seoulDay = (offsetDays: number) => new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function audit(query: string): Promise<Page> {
  const res = await t.app.inject({ url: `/api/v1/audit?${query}`, headers: { cookie: operator } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  // one change the office makes, with a reason, so the log holds a known row
  const def = (await t.app.inject({ url: '/api/v1/programs/specialized-fm' })).json();
  const edited = structuredClone(def.definition);
  edited.phases[1].end = '2026-09-04';
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/programs/specialized-fm',
    headers: { cookie: operator },
    payload: { definition: edited, expectedRevision: def.revision, mode: 'commit', reason: '운영사 일정 변경 (시험)' },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(() => t.dispose());

describe('audit viewer API', () => {
  it('pages through the whole log newest first, without gaps or repeats', async () => {
    const all = (await audit('limit=1000')).entries.map((e) => e.seq);
    expect(all.length).toBeGreaterThan(12);
    const seen: number[] = [];
    let before: number | null = null;
    for (let i = 0; i < 100; i++) {
      const page: Page = await audit(`limit=5${before ? `&before=${before}` : ''}`);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextBefore === null) break;
      expect(page.entries).toHaveLength(5);
      before = page.nextBefore;
    }
    expect(seen).toEqual(all);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('narrows by action (a whole area or one action), by actor, by reason and by Korea day', async () => {
    const area = await audit('action=program');
    expect(area.entries.length).toBeGreaterThan(0);
    expect(area.entries.every((e) => e.action === 'program' || e.action.startsWith('program.'))).toBe(true);
    const update = await audit('action=program.update');
    expect(update.entries.map((e) => e.action)).toEqual(['program.update']);
    expect(update.entries[0]).toMatchObject({ reason: '운영사 일정 변경 (시험)', actor: { email: 'operator@demo.stagegate.kr', role: 'operator' } });
    expect((await audit('reason=일정 변경')).entries.map((e) => e.action)).toEqual(['program.update']);
    expect((await audit('actor=operator@demo')).entries.every((e) => e.actor?.email === 'operator@demo.stagegate.kr')).toBe(true);
    // an underscore is a character to look for, not SQL's any-one-character
    expect((await audit('reason=일정_변경')).entries).toEqual([]);
    expect((await audit(`action=program.update&from=${seoulDay(0)}&to=${seoulDay(0)}`)).entries).toHaveLength(1);
    expect((await audit(`action=program.update&from=${seoulDay(1)}`)).entries).toEqual([]);
    expect((await audit(`action=program.update&to=${seoulDay(-1)}`)).entries).toEqual([]);
  });

  it('names the objects as their readers know them, not by database ids', async () => {
    const [program] = (await audit('action=program.update')).entries;
    expect(program!.objectName).toEqual({ ko: '특화 FM', en: 'Specialized FM' });
    const tasks = (await audit('objectType=task&limit=1000')).entries;
    expect(tasks.length).toBeGreaterThan(0);
    for (const e of tasks.filter((x) => x.objectName)) expect(e.objectName!.ko).toMatch(/^[a-z]+-[a-z0-9]+ · /);
    const apps = (await audit('objectType=application&limit=1000')).entries.filter((e) => e.action === 'application.submit');
    expect(apps.length).toBeGreaterThan(0);
    for (const e of apps) expect(e.objectName!.ko).toMatch(/^[A-Z]+-\d{4}-\d{4} · \S/);
  });

  it('lists the actions and kinds of object held, for the filters', async () => {
    const res = await t.app.inject({ url: '/api/v1/audit/facets', headers: { cookie: operator } });
    const facets = res.json();
    expect(facets.actions).toContain('program.update');
    expect(facets.objectTypes).toEqual(expect.arrayContaining(['program', 'task', 'application']));
  });

  it('refuses a day that is not a day, naming the field', async () => {
    const res = await t.app.inject({ url: '/api/v1/audit?from=yesterday', headers: { cookie: operator } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('from');
  });
});
