import type { LocalizedText } from '../shared/localized.ts';
import { seoulDay } from '../shared/seoul-time.ts';

/** What a calendar entry marks: a phase runs, a call takes applications, a stage is evaluated, an appeal window runs. */
export type CalendarKind = 'phase' | 'call' | 'stage-evaluation' | 'appeal-window' | 'final-evaluation';

export interface CalendarEntry {
  program: string;
  programName: LocalizedText;
  kind: CalendarKind;
  title: LocalizedText;
  /** Seoul calendar days, inclusive */
  start: string;
  end: string;
  /** the instant it closes, where one is set (a call's deadline, an appeal window's end) */
  closesAt: string | null;
  /** where the entry stands on `today` */
  when: 'past' | 'now' | 'upcoming';
}

export interface CalendarInput {
  /** the Seoul calendar day the office is on (the database's clock) */
  today: string;
  programs: {
    slug: string;
    name: LocalizedText;
    phases: { key: string; name: LocalizedText; start: string; end: string }[];
    /** each call's window as it stands (overrides and early closes applied) */
    calls: { key: string; name: LocalizedText; opens: Date; closes: Date }[];
  }[];
  stageEvaluations: { program: string; name: LocalizedText; periodStart: string; periodEnd: string; publishedAt: Date | null; appealClosesAt: Date | null }[];
  finalEvaluations: { program: string; name: LocalizedText; createdAt: Date; supportEarliestStart: string | null }[];
}

export interface ProgramCalendar {
  today: string;
  entries: CalendarEntry[];
  /** the deadlines still ahead, soonest first: what the office must not miss */
  deadlines: { program: string; kind: CalendarKind; title: LocalizedText; closesAt: string; daysLeft: number }[];
}

const dayOf = (d: Date) => seoulDay(Math.floor(d.getTime() / 1000));
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function placed(today: string, start: string, end: string): CalendarEntry['when'] {
  if (end < today) return 'past';
  if (start > today) return 'upcoming';
  return 'now';
}

/**
 * Every program's calendar on one line of time — phases, call windows, stage evaluations and
 * their appeal windows, final evaluations — placed against today in Seoul, with the deadlines
 * still ahead. Sorted by start day, then by kind, so two offices reading it see the same order.
 */
export function buildProgramCalendar(input: CalendarInput): ProgramCalendar {
  const names = new Map(input.programs.map((p) => [p.slug, p.name]));
  const entries: CalendarEntry[] = [];
  const add = (program: string, kind: CalendarKind, title: LocalizedText, start: string, end: string, closesAt: Date | null) =>
    entries.push({
      program,
      programName: names.get(program) ?? { ko: program, en: program },
      kind,
      title,
      start,
      end,
      closesAt: closesAt?.toISOString() ?? null,
      when: placed(input.today, start, end),
    });
  for (const p of input.programs) {
    for (const ph of p.phases) add(p.slug, 'phase', ph.name, ph.start, ph.end, null);
    for (const c of p.calls) add(p.slug, 'call', c.name, dayOf(c.opens), dayOf(new Date(c.closes.getTime() - 1)), c.closes);
  }
  for (const e of input.stageEvaluations) {
    add(e.program, 'stage-evaluation', e.name, e.periodStart, e.periodEnd, null);
    if (e.publishedAt && e.appealClosesAt) {
      const title = { ko: `${e.name.ko} 이의신청 기간`, en: `appeals against ${e.name.en}` };
      add(e.program, 'appeal-window', title, dayOf(e.publishedAt), dayOf(new Date(e.appealClosesAt.getTime() - 1)), e.appealClosesAt);
    }
  }
  for (const f of input.finalEvaluations) {
    const start = dayOf(f.createdAt);
    add(f.program, 'final-evaluation', f.name, start, f.supportEarliestStart && f.supportEarliestStart > start ? f.supportEarliestStart : start, null);
  }
  const kindOrder: CalendarKind[] = ['phase', 'call', 'stage-evaluation', 'appeal-window', 'final-evaluation'];
  entries.sort(
    (a, b) =>
      a.start.localeCompare(b.start) ||
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      a.program.localeCompare(b.program) ||
      a.title.en.localeCompare(b.title.en),
  );
  const deadlines = entries
    .filter((e) => e.closesAt !== null && e.end >= input.today)
    .map((e) => ({ program: e.program, kind: e.kind, title: e.title, closesAt: e.closesAt!, daysLeft: daysBetween(input.today, e.end) }))
    .sort((a, b) => a.closesAt.localeCompare(b.closesAt));
  return { today: input.today, entries, deadlines };
}
