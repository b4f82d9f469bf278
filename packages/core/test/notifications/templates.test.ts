import { describe, expect, it } from 'vitest';
import { josa } from '@stagegate/core/shared/korean-particles';
import { renderNotice, seoulDateTime, type Notice } from '@stagegate/core/notifications/templates';
import { nextMailAttempt } from '@stagegate/core/notifications/delivery';
import { reminderDue, reminderKey } from '@stagegate/core/notifications/reminders';

const call = { ko: '2025년 특화 파운데이션 모델 공모', en: '2025 specialized FM call' };
const program = { ko: 'AI 특화 파운데이션 모델 프로젝트', en: 'AI Specialized Foundation Model project' };

/** One notice of every kind, as the services write them. */
const samples: Notice[] = [
  {
    kind: 'submission-receipt',
    params: { program, call, title: '의료 영상 판독 특화 모델', receiptNo: 'SFM-2025-0001', submittedAt: '2026-03-04T09:00:00.000Z' },
  },
  { kind: 'eligibility-verdict', params: { call, title: '법률 문서 이해 모델', receiptNo: 'SFM-2025-0002', outcome: 'pending' } },
  { kind: 'eligibility-override', params: { call, title: '제조 공정 모델', receiptNo: 'SFM-2025-0003', eligible: true, reason: '증빙 확인' } },
  {
    kind: 'reviewer-invitation',
    params: { name: '박심사', program, call, link: 'http://localhost:3000/review/invitations/x', dueAt: '2026-04-01T08:59:00.000Z' },
  },
  { kind: 'selection-result', params: { call, title: '법률 문서 이해 모델', receiptNo: 'SFM-2025-0002', outcome: 'reserve' } },
  {
    kind: 'stage-decision',
    params: {
      program,
      evaluation: { ko: '1차 단계 평가', en: 'Stage 1 evaluation' },
      team: 'sfm-01',
      outcome: 'eliminate',
      reasons: [{ ko: '벤치마크 목표 미달', en: 'benchmark goal missed' }],
      appealClosesAt: '2026-02-10T14:59:59.000Z',
    },
  },
  { kind: 'change-request-decided', params: { task: 'sfm-02', request: 'extension', approved: false, reason: '예산 없음' } },
  { kind: 'late-conflict', params: { call, withdrawn: 2 } },
  { kind: 'reviewer-affiliations-changed', params: { reviewer: '박심사', held: 1 } },
  { kind: 'password-reset', params: { name: '이신청', validMinutes: 60 } },
  { kind: 'reminder-call-closing', params: { call, title: '의료 영상 판독 특화 모델', closesAt: '2026-03-31T09:00:00.000Z' } },
  { kind: 'reminder-review-due', params: { call, round: { ko: '서면 평가', en: 'Written review' }, pending: 3, dueAt: '2026-04-01T08:59:00.000Z' } },
  {
    kind: 'reminder-appeal-closing',
    params: { evaluation: { ko: '1차 단계 평가', en: 'Stage 1 evaluation' }, team: 'sfm-01', closesAt: '2026-02-10T14:59:59.000Z' },
  },
  {
    kind: 'round-result',
    params: {
      call,
      round: { ko: '서면 평가', en: 'Document review' },
      next: { ko: '발표 평가', en: 'Presentation review' },
      title: '법률 문서 이해 모델',
      receiptNo: 'SFM-2025-0002',
      passed: true,
    },
  },
  {
    kind: 'round-result',
    params: {
      call,
      round: { ko: '서면 평가', en: 'Document review' },
      next: { ko: '발표 평가', en: 'Presentation review' },
      title: '제조 공정 모델',
      receiptNo: 'SFM-2025-0003',
      passed: false,
    },
  },
  {
    kind: 'allocation-changed',
    params: {
      task: 'sfm-01',
      pool: { ko: 'B200 공용 풀', en: 'B200 shared pool' },
      before: { gpus: 256, start: '2026-04-01', end: '2026-09-09' },
      after: { gpus: 192, start: '2026-06-01', end: '2026-09-09' },
      reason: '저사용에 따른 회수',
    },
  },
  {
    kind: 'allocation-changed',
    params: {
      task: 'sfm-02',
      pool: { ko: 'B200 공용 풀', en: 'B200 shared pool' },
      before: null,
      after: { gpus: 64, start: '2026-10-01', end: '2027-03-31' },
      reason: null,
    },
  },
  {
    kind: 'allocation-changed',
    params: {
      task: 'sfm-01',
      pool: { ko: 'B200 공용 풀', en: 'B200 shared pool' },
      before: { gpus: 8, start: '2026-10-01', end: '2026-10-31' },
      after: null,
      reason: '협상 결렬',
    },
  },
  { kind: 'email-verification', params: { name: '이신청', validHours: 24 } },
  {
    kind: 'under-use-warning',
    params: {
      program: { ko: '특화 파운데이션 모델', en: 'Specialized FM' },
      task: 'sfm-01',
      phase: { ko: '1단계', en: 'Phase 1' },
      utilisation: 0.42,
      warnBelow: 0.6,
      reclaimBelow: 0.3,
    },
  },
  {
    kind: 'task-invitation',
    params: {
      task: 'sfm-01',
      taskName: { ko: '의료 모델', en: 'Medical model' },
      organisation: { ko: '메디AI', en: 'MediAI' },
      role: 'member',
      hasAccount: false,
    },
  },
  {
    kind: 'task-invitation',
    params: {
      task: 'sfm-01',
      taskName: { ko: '의료 모델', en: 'Medical model' },
      organisation: { ko: '메디AI', en: 'MediAI' },
      role: 'lead',
      hasAccount: true,
    },
  },
  {
    kind: 'task-invitation',
    params: {
      task: 'sfm-01',
      taskName: { ko: '의료 모델', en: 'Medical model' },
      organisation: { ko: '메디AI', en: 'MediAI' },
      role: 'member',
      hasAccount: true,
      confirmed: true,
    },
  },
  { kind: 'organisation-invitation', params: { organisation: { ko: '가나다AI', en: 'Ganada AI' }, role: 'member' } },
  { kind: 'organisation-invitation', params: { organisation: { ko: '메디AI', en: 'MediAI' }, role: 'admin' } },
  { kind: 'task-membership-changed', params: { task: 'sfm-01', change: 'added', role: 'member', clusterUsername: 'kim', reason: null } },
  { kind: 'task-membership-changed', params: { task: 'sfm-01', change: 'role', role: 'lead', clusterUsername: 'kim', reason: '책임자 교체' } },
  { kind: 'task-membership-changed', params: { task: 'sfm-02', change: 'removed', role: null, clusterUsername: 'lee', reason: '퇴사' } },
  {
    kind: 'final-evaluation-result',
    params: { program, evaluation: { ko: '최종 평가', en: 'Final evaluation' }, team: 'sfm-01', score: 91.5, rank: 1, excellent: true },
  },
  {
    kind: 'final-evaluation-result',
    params: { program, evaluation: { ko: '최종 평가', en: 'Final evaluation' }, team: 'sfm-02', score: 84, rank: 2, excellent: false },
  },
  {
    kind: 'appeal-resolved',
    params: { evaluation: { ko: '1차 단계 평가', en: 'Stage 1 evaluation' }, team: 'kai-naver', outcome: 'rejected', reason: '독자성 판정 근거가 충분합니다' },
  },
];

describe('Korean particles follow the final consonant', () => {
  it.each([
    ['컨소시엄', '은/는', '컨소시엄은'],
    ['과제', '은/는', '과제는'],
    ['결과', '을/를', '결과를'],
    ['평가', '이/가', '평가가'],
    ['신청', '이/가', '신청이'],
    ['기관', '과/와', '기관과'],
    ['대학', '과/와', '대학과'],
    ['서울', '으로/로', '서울로'],
    ['부산', '으로/로', '부산으로'],
    ['학교', '으로/로', '학교로'],
    ['sfm-01', '은/는', 'sfm-01은'],
    ['sfm-02', '은/는', 'sfm-02는'],
    ['GPU', '은/는', 'GPU는'],
    ["'지원 중단'", '으로/로', "'지원 중단'으로"],
    ["'계속 지원'", '으로/로', "'계속 지원'으로"],
    ["'자격 없음'", '으로/로', "'자격 없음'으로"],
    ['「제조 공정 모델」', '이/가', '「제조 공정 모델」이'],
  ] as const)('%s + %s → %s', (word, pair, expected) => {
    expect(josa(word, pair)).toBe(expected);
  });
});

describe('notice templates', () => {
  it.each(samples.map((n) => [n.kind, n] as const))('%s reads in Korean and English without placeholders or internal strings', (_kind, notice) => {
    for (const locale of ['ko', 'en'] as const) {
      const { subject, text } = renderNotice(notice, locale);
      expect(subject.length).toBeGreaterThan(3);
      expect(text.length).toBeGreaterThan(10);
      expect(`${subject}\n${text}`).not.toMatch(/undefined|null|\[object|은\(는\)|이\(가\)|을\(를\)/);
      if (locale === 'ko') expect(subject).toMatch(/[가-힣]/);
      // English carries Korean only where the data is Korean (titles, names), never the template's own words
      else expect(`${subject}\n${text}`).not.toMatch(/습니다|입니다|사유:|마감:/);
    }
  });

  it('says times in Asia/Seoul', () => {
    expect(seoulDateTime('2026-03-04T09:00:00.000Z', 'ko')).toBe('2026년 3월 4일 18:00 (한국 시간)');
    expect(seoulDateTime('2026-03-04T15:30:00.000Z', 'en')).toBe('5 March 2026, 00:30 KST');
    expect(renderNotice(samples[0]!, 'ko').text).toContain('접수 시각: 2026년 3월 4일 18:00 (한국 시간)');
    expect(renderNotice(samples[5]!, 'en').text).toContain('Appeals close: 10 February 2026, 23:59 KST');
  });

  it('names each instant its own minute, in either language, one after another', () => {
    const said = ['2026-03-04T09:00:59.999Z', '2026-03-04T09:00:00.000Z', '2026-03-04T09:01:00.000Z', '2026-03-04T08:59:59.999Z'].flatMap((iso) => [
      seoulDateTime(iso, 'ko'),
      seoulDateTime(iso, 'en'),
    ]);
    expect(said).toEqual([
      '2026년 3월 4일 18:00 (한국 시간)',
      '4 March 2026, 18:00 KST',
      '2026년 3월 4일 18:00 (한국 시간)',
      '4 March 2026, 18:00 KST',
      '2026년 3월 4일 18:01 (한국 시간)',
      '4 March 2026, 18:01 KST',
      '2026년 3월 4일 17:59 (한국 시간)',
      '4 March 2026, 17:59 KST',
    ]);
    expect(seoulDateTime('1969-12-31T23:59:30.000Z', 'en')).toBe('1 January 1970, 08:59 KST');
    // an account's locale is free text in the database: anything but Korean reads English
    expect(seoulDateTime('2026-03-04T09:00:00.000Z', 'ja' as 'en')).toBe('4 March 2026, 18:00 KST');
  });

  it('puts the right particle after a team key and an outcome', () => {
    const ko = renderNotice(samples[5]!, 'ko').text;
    expect(ko).toContain("sfm-01 과제는 '지원 중단'으로 결정되었습니다");
    expect(ko).toContain('- 벤치마크 목표 미달');
    expect(renderNotice(samples[2]!, 'ko').text).toContain("'자격 있음'으로 정했습니다");
    expect(renderNotice(samples[0]!, 'ko').text).toContain('「의료 영상 판독 특화 모델」이 접수되었습니다');
  });

  it('names the due date of a reviewer invitation and its link', () => {
    const { subject, text } = renderNotice(samples[3]!, 'ko');
    expect(subject).toBe('2025년 특화 파운데이션 모델 공모 선정 평가위원 위촉 요청');
    expect(text).toContain('평가 마감: 2026년 4월 1일 17:59 (한국 시간)');
    expect(text).toContain('http://localhost:3000/review/invitations/x');
  });
});

describe('allocation changes', () => {
  const of = (kind: 'updated' | 'created' | 'removed') => samples.filter((n) => n.kind === 'allocation-changed')[{ updated: 0, created: 1, removed: 2 }[kind]]!;
  it('tell the team what it held, what it holds now, from when, and why', () => {
    expect(renderNotice(of('updated'), 'ko').text).toBe(
      'sfm-01 과제의 B200 공용 풀 배정이 바뀌었습니다: 256장 (2026-04-01 ~ 2026-09-09) → 192장 (2026-06-01 ~ 2026-09-09).\n사유: 저사용에 따른 회수',
    );
    expect(renderNotice(of('created'), 'ko').text).toBe('sfm-02 과제에 B200 공용 풀 GPU 64장이 배정되었습니다 (2026-10-01 ~ 2027-03-31).');
    expect(renderNotice(of('removed'), 'ko').text).toBe('sfm-01 과제의 B200 공용 풀 배정이 취소되었습니다: 8장 (2026-10-01 ~ 2026-10-31).\n사유: 협상 결렬');
    expect(renderNotice(of('updated'), 'en').text).toContain(
      'changed: 256 GPUs (2026-04-01 to 2026-09-09) → 192 GPUs (2026-06-01 to 2026-09-09).\nReason: 저사용에 따른 회수',
    );
  });
});

describe('round results', () => {
  it('tell an applicant they passed a round and what comes next, or that they leave the selection there', () => {
    const [passed, left] = samples.filter((n) => n.kind === 'round-result');
    expect(renderNotice(passed!, 'ko')).toEqual({
      subject: '2025년 특화 파운데이션 모델 공모 서면 평가 결과 (SFM-2025-0002)',
      text: '「법률 문서 이해 모델」 신청이 서면 평가를 통과했습니다. 다음 단계는 발표 평가입니다. 일정은 사업단이 따로 안내합니다.',
    });
    expect(renderNotice(left!, 'ko').text).toContain('서면 평가에서 다음 단계 대상에 들지 못해 선정 평가를 마칩니다');
    expect(renderNotice(left!, 'en').text).toContain('was not shortlisted in the Document review');
  });
});

describe('reminders', () => {
  const deadline = new Date('2026-03-31T09:00:00Z');
  it('are due within their lead time before a deadline, never after it', () => {
    expect(reminderDue('call-closing', deadline, new Date('2026-03-27T09:00:00Z'))).toBe(false);
    expect(reminderDue('call-closing', deadline, new Date('2026-03-28T09:00:00Z'))).toBe(true);
    expect(reminderDue('review-due', deadline, new Date('2026-03-28T09:00:00Z'))).toBe(false);
    expect(reminderDue('review-due', deadline, new Date('2026-03-30T09:00:00Z'))).toBe(true);
    expect(reminderDue('appeal-closing', deadline, new Date('2026-03-31T09:00:00Z'))).toBe(false);
  });
  it('are keyed by their deadline, so an extended deadline reminds again', () => {
    expect(reminderKey('call-closing', 'a', 'u', deadline)).not.toBe(reminderKey('call-closing', 'a', 'u', new Date('2026-04-07T09:00:00Z')));
  });
  it('say the deadline in Seoul time', () => {
    expect(renderNotice(samples[10]!, 'ko').text).toContain('2026년 3월 31일 18:00 (한국 시간)에 마감됩니다');
    expect(renderNotice(samples[12]!, 'ko').text).toContain('sfm-01 과제의 이의 신청은 2026년 2월 10일 23:59 (한국 시간)에 마감됩니다');
    const resolved = samples.find((n) => n.kind === 'appeal-resolved')!;
    expect(renderNotice(resolved, 'ko')).toEqual({
      subject: 'kai-naver 과제 이의 신청 기각',
      text: '1차 단계 평가에 대한 kai-naver 과제의 이의 신청이 기각되었습니다. 공개된 결정은 그대로입니다.\n사유: 독자성 판정 근거가 충분합니다',
    });
    const membership = samples.filter((n) => n.kind === 'task-membership-changed');
    expect(renderNotice(membership[0]!, 'ko').text).toContain('sfm-01 과제에 구성원으로 등록되었습니다. 클러스터 사용자 이름은 kim입니다.');
    expect(renderNotice(membership[1]!, 'ko').text).toBe("sfm-01 과제에서 역할이 '책임자'로 바뀌었습니다.\n사유: 책임자 교체");
    expect(renderNotice(membership[2]!, 'en').subject).toBe('Task sfm-02: you were removed');
  });
});

describe('mail retries', () => {
  it('doubles the wait after each failed attempt and fails after the eighth', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((n) => nextMailAttempt(n, { baseMs: 1000 }));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64].map((k) => ({ status: 'retry', waitMs: k * 1000 })));
    expect(nextMailAttempt(8, { baseMs: 1000 })).toEqual({ status: 'failed' });
    expect(nextMailAttempt(7, { baseMs: 1000, maxWaitMs: 10_000 })).toEqual({ status: 'retry', waitMs: 10_000 });
  });
});

describe('a correction that eliminates a team that had continued (issue 16 item 4)', () => {
  const notice: Notice = {
    kind: 'decision-corrected',
    params: {
      evaluation: { ko: '1차 단계 평가', en: 'Stage 1 evaluation' },
      team: 'kai-upstage',
      outcome: 'eliminate',
      reason: '사용자 평가 점수 집계 오류를 바로잡았습니다',
      effectiveFrom: '2026-02-02',
      gpusDelta: -640,
      reasons: [{ ko: '정정된 점수로 최하위', en: 'last on the corrected points' }],
      appealClosesAt: '2026-02-09T14:59:59.999Z',
    },
  };
  it('tells the team why it is out, what it gives back and until when it may appeal, in both languages', () => {
    const ko = renderNotice(notice, 'ko').text;
    expect(ko).toContain('kai-upstage 과제의 결과: 탈락');
    expect(ko).toContain('2026-02-02부터 배분이 끝나 GPU 640장을 반납합니다.');
    expect(ko).toContain('kai-upstage 과제가 탈락한 사유:\n- 정정된 점수로 최하위');
    expect(ko).toContain('이 정정에 대한 이의 신청 마감: 2026년 2월 9일 23:59 (한국 시간)');
    const en = renderNotice(notice, 'en').text;
    expect(en).toContain('From 2026-02-02 its allocations end and it gives back 640 GPUs.');
    expect(en).toContain('Why kai-upstage is eliminated:\n- last on the corrected points');
    expect(en).toContain('Appeals against this correction close: 9 February 2026, 23:59 KST');
  });
  it('tells a remaining team that it receives more by redistribution, not that it holds GPUs "again"', () => {
    const more = renderNotice(
      {
        kind: 'decision-corrected',
        params: { ...notice.params, team: 'kai-lg', outcome: 'continue', gpusDelta: 64, received: true, reasons: undefined, appealClosesAt: undefined },
      } as Notice,
      'ko',
    ).text;
    expect(more).toContain('재배분으로 GPU 64장을 더 받습니다');
    expect(more).not.toContain('이의 신청 마감');
  });
});
