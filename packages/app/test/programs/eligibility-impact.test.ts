import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

const current = async () => (await t.app.inject({ url: '/api/v1/programs/specialized-fm' })).json() as { definition: ProgramDefinition; revision: number };
const put = (definition: ProgramDefinition, revision: number, mode: 'preview' | 'commit') =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/programs/specialized-fm',
    headers: { cookie: operator },
    payload: { definition, expectedRevision: revision, mode, reason: '참여기관 유형 조정' },
  });

interface Change {
  title: string;
  call: { key: string; open: boolean; state: string; stateLabel: { ko: string } };
  lead: { ko: string };
  before: boolean;
  after: boolean;
  rules: { id: string; message: { ko: string } }[];
}

describe('issue 15 item 1: editing a program’s eligibility rules previews whose verdict would change', () => {
  it('names the demo application a large-enterprise participant would now make ineligible, and the rule, before anything is saved', async () => {
    const { definition, revision } = await current();
    const edited = structuredClone(definition);
    const rule = edited.eligibility.rules.find((r) => r.id === 'participant-type') as { types: string[] };
    rule.types = rule.types.filter((x) => x !== 'large_enterprise');
    const preview = await put(edited, revision, 'preview');
    expect(preview.statusCode).toBe(200);
    const impact = preview.json().verdictChanges as { changes: Change[]; judged: number; notJudged: number };
    expect(impact.judged).toBeGreaterThan(0);
    expect(impact.notJudged).toBe(0);
    const mirae = impact.changes.find((c) => c.lead.ko === '미래의료AI')!;
    expect(mirae).toMatchObject({ title: '법률 문서 이해 특화 모델', before: true, after: false });
    expect(mirae.rules.map((r) => r.id)).toEqual(['participant-type']);
    // the demo's call is open (re-opened for 30 days): its applicants can still act, and it is listed first
    expect(mirae.call).toMatchObject({ key: '2025-call', open: true, state: 'open', stateLabel: { ko: '접수 중' } });
    const open = impact.changes.map((c) => c.call.open);
    expect(open).toEqual([...open].sort((a, b) => Number(b) - Number(a)));
    // no application without a large enterprise is listed
    expect(impact.changes.every((c) => c.rules.every((r) => r.id === 'participant-type'))).toBe(true);
    expect((await current()).revision).toBe(revision);
  });

  it('lists nothing when only a date changes, and turns back what a loosened rule lets in', async () => {
    const { definition, revision } = await current();
    const dated = structuredClone(definition);
    dated.phases[1]!.end = '2026-09-10';
    expect((await put(dated, revision, 'preview')).json()).not.toHaveProperty('verdictChanges');
    const strict = structuredClone(definition);
    (strict.eligibility.rules.find((r) => r.id === 'participant-type') as { types: string[] }).types = ['university'];
    expect((await put(strict, revision, 'commit')).statusCode).toBe(200);
    const back = await current();
    const loose = structuredClone(back.definition);
    (loose.eligibility.rules.find((r) => r.id === 'participant-type') as { types: string[] }).types = (
      definition.eligibility.rules.find((r) => r.id === 'participant-type') as { types: string[] }
    ).types;
    const impact = (await put(loose, back.revision, 'preview')).json().verdictChanges as { changes: Change[] };
    const mirae = impact.changes.find((c) => c.lead.ko === '미래의료AI')!;
    expect(mirae).toMatchObject({ before: false, after: true });
    expect(mirae.rules.map((r) => r.id)).toEqual(['participant-type']);
  });

  it('issue 16 item 6: the preview names whom a change of the foreign-participation rule or of the exclusion scope would turn', async () => {
    // the test before left the participant types strict; the seeded ones come back first
    const before = await current();
    const restored = structuredClone(before.definition);
    (restored.eligibility.rules.find((r) => r.id === 'participant-type') as { types: string[] }).types = [
      'large_enterprise',
      'midsize_enterprise',
      'sme',
      'startup',
      'university',
      'research_institute',
    ];
    expect((await put(restored, before.revision, 'commit')).statusCode).toBe(200);
    const { definition, revision } = await current();
    // the demo's 미래의료AI application takes part with a US firm for global service development, its purpose declared
    const noForeign = structuredClone(definition);
    (noForeign.eligibility.rules.find((r) => r.id === 'domestic') as { foreignAllowedRoles: string[] }).foreignAllowedRoles = [];
    const closed = (await put(noForeign, revision, 'preview')).json().verdictChanges as { changes: Change[] };
    const mirae = closed.changes.find((c) => c.lead.ko === '미래의료AI')!;
    expect(mirae).toMatchObject({ before: true, after: false });
    expect(mirae.rules.map((r) => r.id)).toEqual(['domestic']);
    expect(mirae.rules[0]!.message.ko).toContain('렉스브리지(US): 해외 기관은 참여할 수 없습니다');

    // a team participant on the list is let through while the list bars leads only; barring every listed member turns it
    const listed = structuredClone(definition);
    listed.eligibility.exclusionLists['k-ai-selected-teams']!.push({ name: { ko: '대한전자', en: 'Daehan Electronics' }, aliases: [], teamRole: 'member' });
    const leadsOnly = listed.eligibility.rules.find((r) => r.id === 'k-ai-excluded') as { scope: string; teamScope: string };
    leadsOnly.scope = 'all';
    expect(
      ((await put(listed, revision, 'preview')).json().verdictChanges as { changes: Change[] }).changes.find((c) => c.lead.ko === '미래의료AI'),
    ).toBeUndefined();
    leadsOnly.teamScope = 'all';
    const barred = ((await put(listed, revision, 'preview')).json().verdictChanges as { changes: Change[] }).changes.find((c) => c.lead.ko === '미래의료AI')!;
    expect(barred).toMatchObject({ before: true, after: false });
    expect(barred.rules.map((r) => r.id)).toEqual(['k-ai-excluded']);
    expect(barred.rules[0]!.message.ko).toContain('대한전자');
    expect((await current()).revision).toBe(revision);
  });
});
