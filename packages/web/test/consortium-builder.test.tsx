// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { ConsortiumBuilder } from '../src/components/consortium/ConsortiumBuilder.tsx';
import type { ConsortiumDraft } from '../src/pages/applications/api.ts';

beforeAll(() => i18next.changeLanguage('ko'));
afterEach(cleanup);

const draft = (): ConsortiumDraft => ({
  lead: { name: '가나다AI', type: 'sme', country: 'KR', registrationNo: '123-45-67890', role: '주관' },
  participants: [{ name: '한국대학교', type: 'university', country: 'KR', registrationNo: '', role: '데이터' }],
});

// issue 20 item 9: the consortium builder keeps one lead and edits participants, showing the
// API's field errors on the row they belong to
describe('ConsortiumBuilder', () => {
  it("shows an error the API keyed by field on that member's row, not another's", () => {
    render(
      <MantineProvider>
        <ConsortiumBuilder value={draft()} errors={{ 'participants[0].type': '대학만 참여할 수 있습니다', 'participants[0]': '같은 기관이 두 번 있습니다' }} />
      </MantineProvider>,
    );
    const participant = screen.getByTestId('member-participants[0]');
    expect(participant.textContent).toContain('대학만 참여할 수 있습니다');
    expect(participant.textContent).toContain('같은 기관이 두 번 있습니다');
    expect(screen.getByTestId('member-lead').textContent).not.toContain('대학만 참여할 수 있습니다');
  });

  it('adds an empty participant and removes one, leaving the lead as it was', () => {
    const onChange = vi.fn();
    render(
      <MantineProvider>
        <ConsortiumBuilder value={draft()} onChange={onChange} />
      </MantineProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: i18next.t('applications.consortium.add') }));
    expect(onChange).toHaveBeenLastCalledWith({ lead: draft().lead, participants: [draft().participants[0], { name: '', type: '', country: 'KR', registrationNo: '', role: '' }] });
    fireEvent.click(within(screen.getByTestId('member-participants[0]')).getByRole('button'));
    expect(onChange).toHaveBeenLastCalledWith({ lead: draft().lead, participants: [] });
    // the lead has no remove button: a consortium always has its lead
    expect(within(screen.getByTestId('member-lead')).queryAllByRole('button')).toHaveLength(0);
  });
});
