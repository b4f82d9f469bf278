import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptsApplicantChanges,
  callActions,
  callActionsFrom,
  callStateRank,
  effectiveCallState,
  planCallTransition,
  windowOverrideIssue,
  type CallState,
  type CallWindow,
  type RecordedCallState,
} from '../../src/call/call-state.ts';

const H = 3600_000;
const T0 = Date.parse('2026-12-05T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H);

describe('a call’s state', () => {
  it('follows its window until a step is recorded: not yet open, open, closed at the close instant itself', () => {
    const w = { opens: at(0), closes: at(10) };
    expect(effectiveCallState(null, w, at(-1))).toBe('draft');
    expect(effectiveCallState(null, w, at(0))).toBe('open');
    expect(effectiveCallState(null, w, at(9.99))).toBe('open');
    expect(effectiveCallState(null, w, at(10))).toBe('closed');
    expect(effectiveCallState('open', w, at(11))).toBe('closed');
    expect(effectiveCallState('under_review', w, at(5))).toBe('under_review');
  });

  it('closes early by moving the deadline to now; review starts only after the close, recording the close first when nobody did', () => {
    const w = { opens: at(0), closes: at(10) };
    const early = planCallTransition('open', w, at(4), 'close');
    expect(early).toMatchObject({ ok: true, from: 'open', to: 'closed', window: { closes: at(4) } });
    const tooEarly = planCallTransition(null, w, at(4), 'start_review');
    expect(tooEarly.ok).toBe(false);
    if (!tooEarly.ok) expect(tooEarly.message.en).toBe('a call that is open cannot take the step "start review"');
    expect(planCallTransition(null, w, at(12), 'start_review')).toMatchObject({ ok: true, to: 'under_review', recordsCloseFirst: true });
    expect(planCallTransition('closed', w, at(12), 'start_review')).toMatchObject({ ok: true, recordsCloseFirst: false });
    expect(planCallTransition('closed', w, at(12), 'close').ok).toBe(false);
    expect(planCallTransition('closed', w, at(12), 'publish_results').ok).toBe(false);
  });

  it('opens a call that has not opened, now, and only with a close still ahead', () => {
    const w = { opens: at(5), closes: at(10) };
    expect(planCallTransition(null, w, at(1), 'open')).toMatchObject({ ok: true, window: { opens: at(1), closes: at(10) } });
    const past = planCallTransition(null, w, at(1), 'open', { closes: at(0.5) });
    expect(past).toMatchObject({ ok: false, field: 'closes' });
    expect(planCallTransition(null, { opens: at(0), closes: at(1) }, at(2), 'open').ok).toBe(false);
  });

  it('refuses applicants’ changes after the close with the deadline named, and after publication whatever the extension', () => {
    const w = { opens: at(0), closes: at(10) };
    const late = acceptsApplicantChanges('closed', w, at(11));
    expect(late.open).toBe(false);
    if (!late.open) expect(late.message.en).toContain('closed at 2026-12-05 19:00:00 KST');
    expect(acceptsApplicantChanges('closed', { ...w, extendedUntil: at(12) }, at(11)).open).toBe(true);
    const published = acceptsApplicantChanges('results_published', { ...w, extendedUntil: at(12) }, at(11));
    expect(published.open).toBe(false);
    if (!published.open) expect(published.message.ko).toContain('결과 발표 단계의 공모입니다');
    expect(windowOverrideIssue(null)).toBeNull();
    expect(windowOverrideIssue('under_review')?.en).toContain('cannot be changed');
  });
});

/** A run of the office's steps at clock readings that only move forward (the database's clock). */
const runArb = fc.record({
  opensAt: fc.integer({ min: -50, max: 50 }),
  length: fc.integer({ min: 1, max: 60 }),
  steps: fc.array(
    fc.record({
      advance: fc.integer({ min: 0, max: 30 }),
      action: fc.constantFrom(...callActions),
      closes: fc.option(fc.integer({ min: -20, max: 80 }), { nil: undefined }),
    }),
    { maxLength: 25 },
  ),
});

describe('no sequence of steps reaches an illegal state (property)', () => {
  it('the state never runs backwards except a withdrawn publication, applicants change nothing once closed, and nothing past open has a deadline ahead', () => {
    fc.assert(
      fc.property(runArb, ({ opensAt, length, steps }) => {
        let recorded: RecordedCallState = null;
        let window: CallWindow = { opens: at(opensAt), closes: at(opensAt + length) };
        let clock = 0;
        let closedOnce = false;
        let previous: CallState = effectiveCallState(recorded, window, at(clock));
        for (const s of steps) {
          clock += s.advance;
          const now = at(clock);
          const before = effectiveCallState(recorded, window, now);
          if (callStateRank(before) < callStateRank(previous)) return false;
          const plan = planCallTransition(recorded, window, now, s.action, s.closes === undefined ? {} : { closes: at(clock + s.closes) });
          if (plan.ok) {
            if (plan.from !== before) return false;
            recorded = plan.to;
            window = plan.window;
          }
          const after = effectiveCallState(recorded, window, now);
          const wentBack = callStateRank(after) < callStateRank(before);
          if (wentBack && !(plan.ok && plan.action === 'withdraw_results')) return false;
          if (callStateRank(after) >= callStateRank('closed')) closedOnce = true;
          // once closed, the call never takes applicants' changes again, and its deadline lies behind
          if (closedOnce && acceptsApplicantChanges(after, window, now).open) return false;
          if (callStateRank(after) >= callStateRank('closed') && window.closes > now) return false;
          if (after === 'open' && !(window.opens <= now && now < window.closes)) return false;
          previous = after;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('offers exactly the steps the transition rule accepts, so a screen never shows a button that is refused', () => {
    const window = { opens: new Date('2026-01-01T00:00:00Z'), closes: new Date('2026-02-01T00:00:00Z') };
    const nows = [new Date('2025-12-01T00:00:00Z'), new Date('2026-01-15T00:00:00Z'), new Date('2026-03-01T00:00:00Z')];
    const recordeds = [null, 'draft', 'open', 'closed', 'under_review', 'results_published'] as const;
    for (const recorded of recordeds)
      for (const now of nows) {
        const state = effectiveCallState(recorded, window, now);
        const accepted = callActions.filter(
          (a) => planCallTransition(recorded, window, new Date(now), a, a === 'open' ? { closes: new Date('2027-01-01T00:00:00Z') } : {}).ok,
        );
        expect(callActionsFrom(state, recorded), `${recorded} at ${now.toISOString()}`).toEqual(accepted);
      }
    expect(callActionsFrom('open', 'open')).toEqual(['close']);
    expect(callActionsFrom('closed', 'closed')).toEqual(['start_review']);
  });
});
