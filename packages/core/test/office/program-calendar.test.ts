import { describe, expect, it } from 'vitest';
import { buildProgramCalendar, type CalendarInput } from '@stagegate/core/office/program-calendar';

const program: CalendarInput['programs'][number] = {
  slug: 'specialized-fm',
  name: { ko: '특화 파운데이션 모델', en: 'Specialized FM' },
  phases: [
    { key: 'phase-1', name: { ko: '1단계', en: 'Phase 1' }, start: '2026-01-01', end: '2026-06-30' },
    { key: 'phase-2', name: { ko: '2단계', en: 'Phase 2' }, start: '2026-07-01', end: '2026-12-31' },
  ],
  // closes at 18:00 KST on 10 December: the deadline's Seoul day is the 10th
  calls: [
    { key: '2027-call', name: { ko: '2027년 공모', en: '2027 call' }, opens: new Date('2026-11-30T15:00:00Z'), closes: new Date('2026-12-10T09:00:00Z') },
  ],
};

describe('the office calendar', () => {
  it('places each entry against today in Seoul and lists the deadlines ahead, soonest first', () => {
    const cal = buildProgramCalendar({
      today: '2026-12-06',
      programs: [program],
      stageEvaluations: [
        {
          program: 'specialized-fm',
          name: { ko: '1단계 평가', en: 'Phase 1 evaluation' },
          periodStart: '2026-06-01',
          periodEnd: '2026-06-30',
          publishedAt: new Date('2026-12-01T01:00:00Z'),
          appealClosesAt: new Date('2026-12-08T01:00:00Z'),
        },
      ],
      finalEvaluations: [],
    });
    const by = (kind: string, en: string) => cal.entries.find((e) => e.kind === kind && e.title.en.includes(en))!;
    expect(by('phase', 'Phase 1').when).toBe('past');
    expect(by('phase', 'Phase 2').when).toBe('now');
    expect(by('call', '2027').start).toBe('2026-12-01'); // opens at midnight KST on 1 December
    expect(by('call', '2027').end).toBe('2026-12-10');
    expect(by('call', '2027').when).toBe('now');
    expect(by('appeal-window', 'appeals').title.ko).toBe('1단계 평가 이의신청 기간');
    expect(cal.deadlines.map((d) => [d.kind, d.daysLeft])).toEqual([
      ['appeal-window', 2],
      ['call', 4],
    ]);
  });

  it('a call closing at midnight KST ends on the day before, and a passed deadline is no longer ahead', () => {
    const midnight = { ...program, calls: [{ ...program.calls[0]!, closes: new Date('2026-12-05T15:00:00Z') }] };
    const cal = buildProgramCalendar({ today: '2026-12-06', programs: [midnight], stageEvaluations: [], finalEvaluations: [] });
    const call = cal.entries.find((e) => e.kind === 'call')!;
    expect(call.end).toBe('2026-12-05');
    expect(call.when).toBe('past');
    expect(cal.deadlines).toEqual([]);
  });

  it('orders entries by start day whatever order the programs came in', () => {
    const other = {
      ...program,
      slug: 'k-ai',
      name: { ko: 'K-AI', en: 'K-AI' },
      calls: [],
      phases: [{ key: 's1', name: { ko: '1차', en: 'Stage 1' }, start: '2025-08-01', end: '2025-12-31' }],
    };
    const a = buildProgramCalendar({ today: '2026-12-06', programs: [program, other], stageEvaluations: [], finalEvaluations: [] });
    const b = buildProgramCalendar({ today: '2026-12-06', programs: [other, program], stageEvaluations: [], finalEvaluations: [] });
    expect(a.entries).toEqual(b.entries);
    expect(a.entries[0]!.program).toBe('k-ai');
  });

  it('shows a stage evaluation over its period, its appeal window only once published, and a final evaluation from the Seoul day it opened until support may start', () => {
    const cal = buildProgramCalendar({
      today: '2026-12-06',
      programs: [program],
      stageEvaluations: [
        {
          program: 'specialized-fm',
          name: { ko: '2단계 평가', en: 'Phase 2 evaluation' },
          periodStart: '2026-12-01',
          periodEnd: '2026-12-20',
          publishedAt: null,
          appealClosesAt: null,
        },
      ],
      finalEvaluations: [
        // opened at 01:00 KST on 4 December; support may start on 1 January
        {
          program: 'specialized-fm',
          name: { ko: '최종 평가', en: 'Final evaluation' },
          createdAt: new Date('2026-12-03T16:00:00Z'),
          supportEarliestStart: '2027-01-01',
        },
        // no start day set (or one already before it opened): the entry is the day it opened
        {
          program: 'specialized-fm',
          name: { ko: '보완 최종 평가', en: 'Amended final evaluation' },
          createdAt: new Date('2026-12-05T03:00:00Z'),
          supportEarliestStart: '2026-11-01',
        },
      ],
    });
    const stage = cal.entries.find((e) => e.kind === 'stage-evaluation')!;
    expect(stage).toMatchObject({ programName: program.name, start: '2026-12-01', end: '2026-12-20', closesAt: null, when: 'now' });
    expect(cal.entries.some((e) => e.kind === 'appeal-window')).toBe(false);
    const finals = cal.entries.filter((e) => e.kind === 'final-evaluation').map((e) => [e.title.en, e.start, e.end, e.when]);
    expect(finals).toEqual([
      ['Final evaluation', '2026-12-04', '2027-01-01', 'now'],
      ['Amended final evaluation', '2026-12-05', '2026-12-05', 'past'],
    ]);
    // evaluations set no deadline of their own: only the call's is ahead
    expect(cal.deadlines.map((d) => d.kind)).toEqual(['call']);
  });
});
