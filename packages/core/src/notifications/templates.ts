import type { LocalizedText } from '../shared/localized.ts';
import { josa } from '../shared/korean-particles.ts';
import { SEOUL_TIME_ZONE } from '../shared/seoul-time.ts';

export type Locale = 'ko' | 'en';

/**
 * What a person is told, as data: the kind and the facts it needs. The same notice renders the
 * in-app inbox entry and the e-mail, in the reader's language, whenever it is read; the text lives
 * here only.
 */
/** An allocation as its team reads it: concurrent GPUs over calendar days (Asia/Seoul, both ends included). */
export interface AllocationTerms {
  gpus: number;
  start: string;
  end: string;
}

export type Notice =
  | { kind: 'submission-receipt'; params: { program: LocalizedText; call: LocalizedText; title: string; receiptNo: string; submittedAt: string } }
  | { kind: 'eligibility-verdict'; params: { call: LocalizedText; title: string; receiptNo: string; outcome: 'eligible' | 'ineligible' | 'pending' } }
  | { kind: 'eligibility-override'; params: { call: LocalizedText; title: string; receiptNo: string; eligible: boolean; reason: string } }
  | { kind: 'reviewer-invitation'; params: { name: string; program: LocalizedText; call: LocalizedText; link: string; dueAt: string | null } }
  | { kind: 'selection-result'; params: { call: LocalizedText; title: string; receiptNo: string; outcome: 'selected' | 'reserve' | 'rejected' } }
  /** a selection round closed: the application passes to `next` or leaves the selection here */
  | {
      kind: 'round-result';
      params: { call: LocalizedText; round: LocalizedText; next: LocalizedText | null; title: string; receiptNo: string; passed: boolean };
    }
  | {
      kind: 'stage-decision';
      params: { program: LocalizedText; evaluation: LocalizedText; team: string; outcome: string; reasons: LocalizedText[]; appealClosesAt: string | null };
    }
  /** the office published the final evaluation: the team's score, rank and whether it is excellent (may propose extra GPUs) */
  | {
      kind: 'final-evaluation-result';
      params: { program: LocalizedText; evaluation: LocalizedText; team: string; score: number | null; rank: number | null; excellent: boolean };
    }
  | { kind: 'change-request-decided'; params: { task: string; request: string; approved: boolean; reason: string | null } }
  | {
      kind: 'allocation-changed';
      params: { task: string; pool: LocalizedText; before: AllocationTerms | null; after: AllocationTerms | null; reason: string | null };
    }
  | { kind: 'late-conflict'; params: { call: LocalizedText; withdrawn: number } }
  | { kind: 'reviewer-affiliations-changed'; params: { reviewer: string; held: number } }
  | { kind: 'password-reset'; params: { name: string; validMinutes: number } }
  | { kind: 'email-verification'; params: { name: string; validHours: number } }
  /** the under-use run put a task at the warn level: used ÷ what was due so far, against the program's thresholds */
  | { kind: 'appeal-resolved'; params: { evaluation: LocalizedText; team: string; outcome: 'upheld' | 'rejected'; reason: string } }
  | {
      kind: 'task-membership-changed';
      params: { task: string; change: 'added' | 'role' | 'removed'; role: 'lead' | 'member' | null; clusterUsername: string; reason: string | null };
    }
  /** an organisation's admin offered an account membership: the person accepts or declines on their invitations page */
  | { kind: 'organisation-invitation'; params: { organisation: LocalizedText; role: 'admin' | 'member' } }
  /** the office invited an address into a task: signing up with it (or confirming it) makes the person a member */
  | {
      kind: 'task-invitation';
      /** `confirmed`: the address belongs to a confirmed account, which accepts signed in (absent in notices stored before) */
      params: { task: string; taskName: LocalizedText; organisation: LocalizedText; role: 'lead' | 'member'; hasAccount: boolean; confirmed?: boolean };
    }
  | {
      kind: 'under-use-warning';
      params: { program: LocalizedText; task: string; phase: LocalizedText; utilisation: number; warnBelow: number; reclaimBelow: number };
    }
  | { kind: 'reminder-call-closing'; params: { call: LocalizedText; title: string; closesAt: string } }
  | { kind: 'reminder-review-due'; params: { call: LocalizedText; round: LocalizedText; pending: number; dueAt: string } }
  | { kind: 'reminder-appeal-closing'; params: { evaluation: LocalizedText; team: string; closesAt: string } }
  | {
      kind: 'decision-corrected';
      /**
       * `gpusDelta`: GPUs the team gains (restored, or a larger redistributed share when `received`)
       * or gives back (its redistributed share; everything it held when the correction eliminates it)
       * from `effectiveFrom`. A team the correction eliminates gets its `reasons` and its own
       * `appealClosesAt`.
       */
      params: {
        evaluation: LocalizedText;
        team: string;
        outcome: 'continue' | 'eliminate';
        reason: string;
        effectiveFrom: string;
        gpusDelta: number;
        received?: boolean;
        reasons?: LocalizedText[];
        appealClosesAt?: string;
      };
    };

export interface RenderedNotice {
  /** the e-mail's subject and the inbox entry's title */
  subject: string;
  text: string;
}

// Built once: constructing an Intl formatter costs far more than formatting with it, and a
// submission surge renders two notices per member of every submitting organisation.
const KO_DATE_TIME = new Intl.DateTimeFormat('ko-KR', {
  timeZone: SEOUL_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const EN_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: SEOUL_TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// The text names the minute, and a surge's notices all name the same few: the last one per
// language is kept (formatToParts costs tens of microseconds, the lookup nothing).
const lastMinute: Record<Locale, { minute: number; text: string }> = { ko: { minute: NaN, text: '' }, en: { minute: NaN, text: '' } };

/** An instant as a reader in Korea reads it: `2026년 3월 4일 18:00 (한국 시간)`, `4 March 2026, 18:00 KST`. */
export function seoulDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  const minute = Math.floor(d.getTime() / 60_000);
  // a locale stored as free text (an account's) reads English unless it is Korean, as it always did
  const language: Locale = locale === 'ko' ? 'ko' : 'en';
  const kept = lastMinute[language];
  if (kept.minute === minute) return kept.text;
  const text = formatSeoulMinute(d, language);
  lastMinute[language] = { minute, text };
  return text;
}

function formatSeoulMinute(d: Date, locale: Locale): string {
  const parts = Object.fromEntries((locale === 'ko' ? KO_DATE_TIME : EN_DATE_TIME).formatToParts(d).map((p) => [p.type, p.value]));
  if (locale === 'ko') return `${parts.year}년 ${parts.month}월 ${parts.day}일 ${parts.hour}:${parts.minute} (한국 시간)`;
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} KST`;
}

const VERDICT: Record<'eligible' | 'ineligible' | 'pending', LocalizedText> = {
  eligible: { ko: '자격 요건을 충족합니다', en: 'meets the eligibility rules' },
  ineligible: { ko: '자격 요건을 충족하지 않습니다', en: 'does not meet the eligibility rules' },
  pending: { ko: '기관 확인 뒤 판정됩니다 (확인 대기)', en: 'will be judged once the organisations are verified (pending verification)' },
};

export const SELECTION_OUTCOME: Record<'selected' | 'reserve' | 'rejected', LocalizedText> = {
  selected: { ko: '선정', en: 'selected' },
  reserve: { ko: '예비 선정', en: 'on the reserve list' },
  rejected: { ko: '미선정', en: 'not selected' },
};

export const STAGE_OUTCOME: Record<string, LocalizedText> = {
  continue: { ko: '계속 지원', en: 'continue' },
  eliminate: { ko: '지원 중단', en: 'eliminated' },
  reduce: { ko: '지원 축소', en: 'support reduced' },
};

const REQUEST: Record<string, LocalizedText> = {
  extension: { ko: '기간 연장', en: 'extension' },
  transfer: { ko: 'GPU 이전', en: 'GPU transfer' },
  supplement: { ko: 'GPU 추가 배정', en: 'GPU supplement' },
  reclaim: { ko: 'GPU 회수', en: 'GPU reclaim' },
  reduction: { ko: 'GPU 감축', en: 'GPU reduction' },
};

const label = (map: Record<string, LocalizedText>, key: string, locale: Locale) => map[key]?.[locale] ?? key;
const quoted = (title: string, locale: Locale) => (locale === 'ko' ? `「${title}」` : `“${title}”`);

/** The subject and text of a notice in one language. Pure: the same notice always reads the same. */
export function renderNotice(notice: Notice, locale: Locale): RenderedNotice {
  const ko = locale === 'ko';
  switch (notice.kind) {
    case 'submission-receipt': {
      const p = notice.params;
      return ko
        ? {
            subject: `${p.call.ko} 신청 접수 완료 (${p.receiptNo})`,
            text: [
              `${josa(quoted(p.title, locale), '이/가')} 접수되었습니다.`,
              `접수 번호: ${p.receiptNo}`,
              `접수 시각: ${seoulDateTime(p.submittedAt, locale)}`,
              `사업: ${p.program.ko}`,
              '접수증 PDF를 첨부합니다.',
            ].join('\n'),
          }
        : {
            subject: `Application received for ${p.call.en} (${p.receiptNo})`,
            text: [
              `Your application ${quoted(p.title, locale)} has been received.`,
              `Receipt number: ${p.receiptNo}`,
              `Received at: ${seoulDateTime(p.submittedAt, locale)}`,
              `Program: ${p.program.en}`,
              'The receipt PDF is attached.',
            ].join('\n'),
          };
    }
    case 'eligibility-verdict': {
      const p = notice.params;
      return ko
        ? { subject: `자격 검토 결과 (${p.receiptNo})`, text: `${p.call.ko}에 제출한 신청 ${josa(quoted(p.title, locale), '은/는')} ${VERDICT[p.outcome].ko}.` }
        : { subject: `Eligibility verdict (${p.receiptNo})`, text: `Your application ${quoted(p.title, locale)} to ${p.call.en} ${VERDICT[p.outcome].en}.` };
    }
    case 'eligibility-override': {
      const p = notice.params;
      const verdict = p.eligible ? { ko: '자격 있음', en: 'eligible' } : { ko: '자격 없음', en: 'not eligible' };
      return ko
        ? {
            subject: `자격 판정 변경 (${p.receiptNo})`,
            text: [`사업 관리자가 ${quoted(p.title, locale)} 신청의 자격 판정을 ${josa(`'${verdict.ko}'`, '으로/로')} 정했습니다.`, `사유: ${p.reason}`].join(
              '\n',
            ),
          }
        : {
            subject: `Eligibility decided by the program office (${p.receiptNo})`,
            text: [`The program office decided that your application ${quoted(p.title, locale)} is ${verdict.en}.`, `Reason: ${p.reason}`].join('\n'),
          };
    }
    case 'reviewer-invitation': {
      const p = notice.params;
      const due = p.dueAt ? seoulDateTime(p.dueAt, locale) : null;
      return ko
        ? {
            subject: `${p.call.ko} 선정 평가위원 위촉 요청`,
            text: [
              `${p.name} 님께,`,
              '',
              `${p.program.ko} ${quoted(p.call.ko, locale)}의 선정 평가위원으로 모시고자 합니다.`,
              ...(due ? [`평가 마감: ${due}`] : []),
              `아래 링크에서 수락 또는 거절해 주세요: ${p.link}`,
            ].join('\n'),
          }
        : {
            subject: `Invitation to review for ${p.call.en}`,
            text: [
              `Dear ${p.name},`,
              '',
              `you are invited to review for ${quoted(p.call.en, locale)} (${p.program.en}).`,
              ...(due ? [`Reviews are due: ${due}`] : []),
              `Accept or decline here: ${p.link}`,
            ].join('\n'),
          };
    }
    case 'selection-result': {
      const p = notice.params;
      return ko
        ? {
            subject: `${p.call.ko} 선정 결과 (${p.receiptNo})`,
            text: `${quoted(p.title, locale)} 신청의 선정 결과는 '${SELECTION_OUTCOME[p.outcome].ko}'입니다. 자세한 내용과 평가 점수는 신청 화면에서 볼 수 있습니다.`,
          }
        : {
            subject: `Selection result for ${p.call.en} (${p.receiptNo})`,
            text: `Your application ${quoted(p.title, locale)} was ${SELECTION_OUTCOME[p.outcome].en}. The details and your scores are on the application page.`,
          };
    }
    case 'round-result': {
      const p = notice.params;
      const next = p.next;
      if (ko) {
        return {
          subject: `${p.call.ko} ${p.round.ko} 결과 (${p.receiptNo})`,
          text: p.passed
            ? `${quoted(p.title, locale)} 신청이 ${josa(p.round.ko, '을/를')} 통과했습니다.${next ? ` 다음 단계는 ${next.ko}입니다. 일정은 사업단이 따로 안내합니다.` : ''}`
            : `${quoted(p.title, locale)} 신청은 ${p.round.ko}에서 다음 단계 대상에 들지 못해 선정 평가를 마칩니다. 단계 점수와 순위는 신청 화면에서 볼 수 있습니다.`,
        };
      }
      return {
        subject: `${p.round.en} result for ${p.call.en} (${p.receiptNo})`,
        text: p.passed
          ? `Your application ${quoted(p.title, locale)} passed the ${p.round.en}.${next ? ` The next round is the ${next.en}; the office will send its schedule.` : ''}`
          : `Your application ${quoted(p.title, locale)} was not shortlisted in the ${p.round.en} and leaves the selection here. The round's score and rank are on the application page.`,
      };
    }
    case 'stage-decision': {
      const p = notice.params;
      const outcome = label(STAGE_OUTCOME, p.outcome, locale);
      const reasons = p.reasons.map((r) => `- ${r[locale]}`);
      const appeal = p.appealClosesAt ? seoulDateTime(p.appealClosesAt, locale) : null;
      return ko
        ? {
            subject: `${p.evaluation.ko} 결과: ${p.team}`,
            text: [
              `${p.program.ko} ${p.evaluation.ko} 결과 ${p.team} 과제는 ${josa(`'${outcome}'`, '으로/로')} 결정되었습니다.`,
              ...(reasons.length ? ['사유:', ...reasons] : []),
              ...(appeal ? [`이의 신청 마감: ${appeal}`] : []),
            ].join('\n'),
          }
        : {
            subject: `${p.evaluation.en} result: ${p.team}`,
            text: [
              `The ${p.evaluation.en} of ${p.program.en} decided for ${p.team}: ${outcome}.`,
              ...(reasons.length ? ['Reasons:', ...reasons] : []),
              ...(appeal ? [`Appeals close: ${appeal}`] : []),
            ].join('\n'),
          };
    }
    case 'final-evaluation-result': {
      const p = notice.params;
      const score = p.score === null ? null : String(Math.round(p.score * 100) / 100);
      return ko
        ? {
            subject: `${p.evaluation.ko} 결과: ${p.team}`,
            text: [
              `${p.program.ko} ${josa(p.evaluation.ko, '이/가')} 공개되었습니다.`,
              ...(score !== null ? [`${p.team} 과제 최종 점수: ${score}점${p.rank !== null ? ` (${p.rank}위)` : ''}`] : []),
              p.excellent
                ? `${p.team} 과제는 우수 과제로 지정되었습니다. 추가 GPU 지원을 제안할 수 있습니다.`
                : `${p.team} 과제는 우수 과제로 지정되지 않았습니다.`,
            ].join('\n'),
          }
        : {
            subject: `${p.evaluation.en} result: ${p.team}`,
            text: [
              `The ${p.evaluation.en} of ${p.program.en} has been published.`,
              ...(score !== null ? [`Final score of task ${p.team}: ${score}${p.rank !== null ? ` (rank ${p.rank})` : ''}`] : []),
              p.excellent ? `${p.team} was designated excellent and may propose additional GPU support.` : `${p.team} was not designated excellent.`,
            ].join('\n'),
          };
    }
    case 'change-request-decided': {
      const p = notice.params;
      const kind = label(REQUEST, p.request, locale);
      return ko
        ? {
            subject: `${p.task} ${kind} 요청 ${p.approved ? '승인' : '반려'}`,
            text: [`${p.task} 과제의 ${kind} 요청이 ${p.approved ? '승인' : '반려'}되었습니다.`, ...(p.reason ? [`사유: ${p.reason}`] : [])].join('\n'),
          }
        : {
            subject: `${p.task}: ${kind} request ${p.approved ? 'approved' : 'rejected'}`,
            text: [`The ${kind} request of task ${p.task} was ${p.approved ? 'approved' : 'rejected'}.`, ...(p.reason ? [`Reason: ${p.reason}`] : [])].join(
              '\n',
            ),
          };
    }
    case 'allocation-changed': {
      const p = notice.params;
      const terms = (t: AllocationTerms) => (ko ? `${t.gpus}장 (${t.start} ~ ${t.end})` : `${t.gpus} GPUs (${t.start} to ${t.end})`);
      const pool = p.pool[locale];
      const what = ko
        ? p.before && p.after
          ? `${p.task} 과제의 ${pool} 배정이 바뀌었습니다: ${terms(p.before)} → ${terms(p.after)}.`
          : p.after
            ? `${p.task} 과제에 ${pool} GPU ${josa(`${p.after.gpus}장`, '이/가')} 배정되었습니다 (${p.after.start} ~ ${p.after.end}).`
            : `${p.task} 과제의 ${pool} 배정이 취소되었습니다: ${terms(p.before!)}.`
        : p.before && p.after
          ? `The ${pool} allocation of task ${p.task} changed: ${terms(p.before)} → ${terms(p.after)}.`
          : p.after
            ? `Task ${p.task} was allocated ${terms(p.after)} on ${pool}.`
            : `The ${pool} allocation of task ${p.task} was cancelled: ${terms(p.before!)}.`;
      const reason = p.reason ? [ko ? `사유: ${p.reason}` : `Reason: ${p.reason}`] : [];
      return { subject: ko ? `${p.task} GPU 배정 변경` : `${p.task}: GPU allocation changed`, text: [what, ...reason].join('\n') };
    }
    case 'late-conflict': {
      const p = notice.params;
      return ko
        ? {
            subject: `배정 철회 ${p.withdrawn}건: 재배정이 필요합니다`,
            text: `${p.call.ko}에서 배정 뒤 이해충돌이 확인되어 평가 배정 ${p.withdrawn}건을 철회했습니다. 제출된 점수는 보관하되 순위에서 제외합니다. 늦게 확인된 이해충돌 화면에서 재배정안을 확인하고 확정하세요.`,
          }
        : {
            subject: `${p.withdrawn} assignment(s) withdrawn: reassignment needed`,
            text: `A conflict of interest found after assignment in ${p.call.en} withdrew ${p.withdrawn} review assignment(s). Submitted scores are kept but left out of the ranking. Review and confirm the reassignment on the late conflicts screen.`,
          };
    }
    case 'password-reset': {
      const p = notice.params;
      return ko
        ? {
            subject: '비밀번호 재설정',
            text: `${p.name} 님, 아래 링크에서 새 비밀번호를 정하세요. 링크는 ${p.validMinutes}분 동안 한 번만 쓸 수 있습니다. 요청하지 않았다면 이 메일을 무시하세요.`,
          }
        : {
            subject: 'Reset your password',
            text: `${p.name}, choose a new password at the link below. It works once, for ${p.validMinutes} minutes. If you did not ask for this, ignore this mail.`,
          };
    }
    case 'email-verification': {
      const p = notice.params;
      return ko
        ? {
            subject: '이메일 주소 확인',
            text: `${p.name} 님, Stagegate 가입을 환영합니다. 아래 링크를 열어 이메일 주소를 확인하세요. 링크는 ${p.validHours}시간 동안 유효합니다. 확인하기 전에도 로그인해 열람할 수 있지만, 신청서 제출과 심사위원 초대 수락은 확인한 뒤에 할 수 있습니다. 가입하지 않았다면 이 메일을 무시하세요.`,
          }
        : {
            subject: 'Confirm your e-mail address',
            text: `${p.name}, welcome to Stagegate. Open the link below to confirm your e-mail address; it works for ${p.validHours} hours. Until then you can sign in and read, but submitting an application and accepting a reviewer invitation wait for the confirmation. If you did not sign up, ignore this mail.`,
          };
    }
    case 'appeal-resolved': {
      const p = notice.params;
      if (ko) {
        const line =
          p.outcome === 'upheld'
            ? `${p.evaluation.ko}에 대한 ${p.team} 과제의 이의 신청이 받아들여졌습니다. 사업단이 결정을 다시 검토해 고친 결정을 공개합니다.`
            : `${p.evaluation.ko}에 대한 ${p.team} 과제의 이의 신청이 기각되었습니다. 공개된 결정은 그대로입니다.`;
        return { subject: `${p.team} 과제 이의 신청 ${p.outcome === 'upheld' ? '인용' : '기각'}`, text: [line, `사유: ${p.reason}`].join('\n') };
      }
      const line =
        p.outcome === 'upheld'
          ? `The appeal of task ${p.team} against ${p.evaluation.en} was upheld. The office reviews the decision again and publishes the corrected one.`
          : `The appeal of task ${p.team} against ${p.evaluation.en} was rejected. The published decision stands.`;
      return { subject: `Task ${p.team}: appeal ${p.outcome}`, text: [line, `Reason: ${p.reason}`].join('\n') };
    }
    case 'organisation-invitation': {
      const p = notice.params;
      if (ko) {
        const role = p.role === 'admin' ? '관리자' : '구성원';
        return {
          subject: `${p.organisation.ko} 기관 가입 초대`,
          text: [
            `${p.organisation.ko} 기관의 관리자가 ${josa(role, '으로/로')} 초대했습니다.`,
            "로그인한 뒤 '받은 초대' 화면에서 수락하거나 거절할 수 있습니다. 수락하면 이 기관의 신청서를 함께 볼 수 있습니다.",
          ].join('\n'),
        };
      }
      return {
        subject: `Invitation to join ${p.organisation.en}`,
        text: [
          `An admin of ${p.organisation.en} invited you to join it as ${p.role}.`,
          "Sign in and accept or decline it on your Invitations page; once you accept, you read the organisation's applications.",
        ].join('\n'),
      };
    }
    case 'task-membership-changed': {
      const p = notice.params;
      const role = p.role ? ({ lead: { ko: '책임자', en: 'lead' }, member: { ko: '구성원', en: 'member' } } as const)[p.role][locale] : null;
      const why = p.reason ? (ko ? [`사유: ${p.reason}`] : [`Reason: ${p.reason}`]) : [];
      if (ko) {
        const line =
          p.change === 'added'
            ? `${p.task} 과제에 ${josa(role!, '으로/로')} 등록되었습니다. 클러스터 사용자 이름은 ${p.clusterUsername}입니다. 과제의 배정, 사용량, 단계 평가 결과와 이의 신청을 Stagegate에서 볼 수 있습니다.`
            : p.change === 'role'
              ? `${p.task} 과제에서 역할이 ${josa(`'${role}'`, '으로/로')} 바뀌었습니다.`
              : `${p.task} 과제 구성원에서 빠졌습니다. 이제 이 과제의 배정, 사용량과 평가 결과를 볼 수 없습니다(클러스터 사용자 ${p.clusterUsername}).`;
        return {
          subject: `${p.task} 과제 구성원 ${p.change === 'added' ? '등록' : p.change === 'role' ? '역할 변경' : '제외'}`,
          text: [line, ...why].join('\n'),
        };
      }
      const line =
        p.change === 'added'
          ? `You were added to task ${p.task} as ${role}, with the cluster user name ${p.clusterUsername}. The task's allocation, usage, stage results and appeals are in Stagegate.`
          : p.change === 'role'
            ? `Your role in task ${p.task} is now ${role}.`
            : `You were removed from task ${p.task}. You no longer see its allocation, usage or results (cluster user ${p.clusterUsername}).`;
      return {
        subject: `Task ${p.task}: ${p.change === 'added' ? 'you were added' : p.change === 'role' ? 'your role changed' : 'you were removed'}`,
        text: [line, ...why].join('\n'),
      };
    }
    case 'task-invitation': {
      const p = notice.params;
      const role = ({ lead: { ko: '책임자', en: 'lead' }, member: { ko: '구성원', en: 'member' } } as const)[p.role];
      if (ko) {
        const how = p.confirmed
          ? "로그인한 뒤 '받은 초대' 화면에서 초대를 수락하면 기관과 과제의 구성원이 됩니다. 원하지 않으면 거절할 수 있습니다."
          : p.hasAccount
            ? '이 주소로 가입한 계정의 이메일 주소를 확인하면 기관과 과제의 구성원이 됩니다. 가입할 때 받은 확인 메일의 링크를 열어 주세요.'
            : '이 이메일 주소로 Stagegate에 가입하고 주소를 확인하면 기관과 과제의 구성원이 됩니다.';
        return {
          subject: `${p.task} 과제 참여 초대`,
          text: [
            `사업 사무국이 ${p.task} 과제(${p.taskName.ko})에 ${p.organisation.ko} 소속 ${josa(role.ko, '으로/로')} 초대했습니다.`,
            how,
            '클러스터 사용자 이름은 구성원이 될 때 만들어집니다.',
          ].join('\n'),
        };
      }
      const how = p.confirmed
        ? 'Sign in and accept the invitation on your Invitations page to become a member of the organisation and the task; you may also decline it.'
        : p.hasAccount
          ? 'Confirm the e-mail address of the account you signed up with (open the link in the confirmation mail) and you become a member of the organisation and the task.'
          : 'Sign up to Stagegate with this e-mail address and confirm it, and you become a member of the organisation and the task.';
      return {
        subject: `Invitation to task ${p.task}`,
        text: [
          `The program office invited you into task ${p.task} (${p.taskName.en}) as ${role.en}, for ${p.organisation.en}.`,
          how,
          'Your cluster user name is made when you become a member.',
        ].join('\n'),
      };
    }
    case 'under-use-warning': {
      const p = notice.params;
      const pc = (x: number) => `${Math.round(x * 100)}%`;
      return ko
        ? {
            subject: `${p.task} 과제 GPU 저사용 경고`,
            text: `${p.program.ko} ${p.task} 과제는 ${p.phase.ko}에 지금까지 배정된 GPU 시간의 ${pc(p.utilisation)}만 사용했습니다(경고 기준 ${pc(p.warnBelow)}). 사용률이 ${pc(p.reclaimBelow)} 아래로 내려가면 사업 사무국이 남은 기간 배정의 일부 회수를 제안하며, 회수는 사무국이 승인할 때 적용됩니다. 계획된 작업이 있다면 제출해 주시고, 사정이 있다면 사무국에 알려 주세요.`,
          }
        : {
            subject: `GPU under-use warning for ${p.task}`,
            text: `In ${p.program.en}, task ${p.task} has used ${pc(p.utilisation)} of the GPU time due so far in ${p.phase.en} (warning threshold ${pc(p.warnBelow)}). If use falls below ${pc(p.reclaimBelow)}, the program office proposes reclaiming part of the rest of the phase's allocation, which applies once the office approves it. Submit the work you have planned, or tell the office if something holds you back.`,
          };
    }
    case 'reminder-call-closing': {
      const p = notice.params;
      const at = seoulDateTime(p.closesAt, locale);
      return ko
        ? {
            subject: `${p.call.ko} 마감 안내`,
            text: `${quoted(p.title, locale)} 신청이 아직 제출되지 않았습니다. 공모는 ${at}에 마감됩니다. 마감 뒤에는 제출할 수 없습니다.`,
          }
        : {
            subject: `${p.call.en} closes soon`,
            text: `Your application ${quoted(p.title, locale)} has not been submitted yet. The call closes on ${at}; nothing can be submitted after that.`,
          };
    }
    case 'reminder-review-due': {
      const p = notice.params;
      const at = seoulDateTime(p.dueAt, locale);
      return ko
        ? {
            subject: `${p.round.ko} 평가 마감 안내`,
            text: `${p.call.ko} ${p.round.ko}에서 제출하지 않은 평가가 ${p.pending}건 있습니다. 평가 마감은 ${at}입니다.`,
          }
        : {
            subject: `${p.round.en}: reviews due soon`,
            text: `You have ${p.pending} review(s) not yet submitted in ${p.round.en} of ${p.call.en}. Reviews are due on ${at}.`,
          };
    }
    case 'reminder-appeal-closing': {
      const p = notice.params;
      const at = seoulDateTime(p.closesAt, locale);
      return ko
        ? { subject: `${p.evaluation.ko} 이의 신청 마감 안내`, text: `${p.evaluation.ko} 결과에 대한 ${p.team} 과제의 이의 신청은 ${at}에 마감됩니다.` }
        : { subject: `${p.evaluation.en}: appeals close soon`, text: `Appeals by ${p.team} against the ${p.evaluation.en} result close on ${at}.` };
    }
    case 'decision-corrected': {
      const p = notice.params;
      const outcome = p.outcome === 'continue' ? { ko: '계속', en: 'continues' } : { ko: '탈락', en: 'is eliminated' };
      const out = -p.gpusDelta;
      const gpus =
        p.gpusDelta > 0
          ? p.received
            ? {
                ko: `${p.effectiveFrom}부터 재배분으로 GPU ${p.gpusDelta}장을 더 받습니다.`,
                en: `From ${p.effectiveFrom} it receives ${p.gpusDelta} more GPUs by redistribution.`,
              }
            : { ko: `${p.effectiveFrom}부터 GPU ${p.gpusDelta}장을 다시 배분받습니다.`, en: `From ${p.effectiveFrom} it holds ${p.gpusDelta} GPUs again.` }
          : p.gpusDelta < 0
            ? p.outcome === 'eliminate'
              ? {
                  ko: `${p.effectiveFrom}부터 배분이 끝나 GPU ${out}장을 반납합니다.`,
                  en: `From ${p.effectiveFrom} its allocations end and it gives back ${out} GPUs.`,
                }
              : {
                  ko: `${p.effectiveFrom}부터 재배분으로 받은 GPU ${out}장을 반납합니다.`,
                  en: `From ${p.effectiveFrom} it gives back the ${out} GPUs it received by redistribution.`,
                }
            : { ko: '', en: '' };
      const reasons = (p.reasons ?? []).map((r) => `- ${r[locale]}`);
      const appeal = p.appealClosesAt ? seoulDateTime(p.appealClosesAt, locale) : null;
      return ko
        ? {
            subject: `${p.evaluation.ko} 결정 정정 안내`,
            text: [
              `이의 신청이 인용되어 ${p.evaluation.ko} 결정이 정정되었습니다.`,
              `${p.team} 과제의 결과: ${outcome.ko}`,
              ...(gpus.ko ? [gpus.ko] : []),
              `정정 사유: ${p.reason}`,
              ...(reasons.length ? [`${p.team} 과제가 탈락한 사유:`, ...reasons] : []),
              ...(appeal ? [`이 정정에 대한 이의 신청 마감: ${appeal}`] : []),
            ].join('\n'),
          }
        : {
            subject: `${p.evaluation.en}: decision corrected`,
            text: [
              `An appeal was upheld and the ${p.evaluation.en} decision corrected.`,
              `${p.team} ${outcome.en}.`,
              ...(gpus.en ? [gpus.en] : []),
              `Reason for the correction: ${p.reason}`,
              ...(reasons.length ? [`Why ${p.team} is eliminated:`, ...reasons] : []),
              ...(appeal ? [`Appeals against this correction close: ${appeal}`] : []),
            ].join('\n'),
          };
    }
    case 'reviewer-affiliations-changed': {
      const p = notice.params;
      return ko
        ? {
            subject: `평가위원 소속 변경: ${p.reviewer}`,
            text: `${p.reviewer} 위원이 배정 뒤 자신의 소속을 바꾸었습니다. 이미 확인된 이해충돌 ${p.held}건은 그대로 유지됩니다. 검토가 필요하면 이해충돌 화면에서 면제 여부를 결정하세요.`,
          }
        : {
            subject: `Reviewer affiliations changed: ${p.reviewer}`,
            text: `${p.reviewer} changed their own affiliations after assignment. The ${p.held} conflict(s) already found stay held. Decide on any waiver on the conflicts screen.`,
          };
    }
  }
}
