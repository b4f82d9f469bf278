import type { LocalizedText } from '../shared/localized.ts';

export const applicationStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export type ApplicationEvent = 'edit' | 'submit' | 'withdraw' | 'reopen';

const allowed: Record<ApplicationEvent, ApplicationStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  withdraw: ['draft', 'submitted'],
  // the office reopens a submitted (or withdrawn) application so its applicant can change it
  reopen: ['submitted', 'withdrawn'],
};

export const statusLabels: Record<ApplicationStatus, LocalizedText> = {
  draft: { ko: '작성 중', en: 'draft' },
  submitted: { ko: '제출 완료', en: 'submitted' },
  withdrawn: { ko: '철회', en: 'withdrawn' },
};

/** Whether an event may happen to an application in this status; the refusal says why in both languages. */
export function checkTransition(status: ApplicationStatus, event: ApplicationEvent): { ok: true } | { ok: false; message: LocalizedText } {
  if (allowed[event].includes(status)) return { ok: true };
  const s = statusLabels[status];
  const what: Record<ApplicationEvent, LocalizedText> = {
    edit: { ko: '수정할', en: 'edited' },
    submit: { ko: '제출할', en: 'submitted' },
    withdraw: { ko: '철회할', en: 'withdrawn' },
    reopen: { ko: '재개할', en: 'reopened' },
  };
  return {
    ok: false,
    message: { ko: `${s.ko} 상태의 신청서는 ${what[event].ko} 수 없습니다`, en: `an application that is ${s.en} cannot be ${what[event].en}` },
  };
}
