import type { LocalizedText } from '../shared/localized.ts';

/**
 * The conflict-of-interest pledge a reviewer accepts once per round, before any proposal of the round
 * opens. The version is stored with each acceptance so a later change of wording does not silently
 * rewrite what someone agreed to.
 */
export const PLEDGE_VERSION = 1;

export const conflictPledgeText: LocalizedText = {
  ko: [
    '본인은 이 평가 라운드의 심사위원으로서 다음을 서약합니다.',
    '1. 배정된 제안서의 신청기관·참여기관과 최근 3년 이내 소속, 자문, 공동연구, 가족관계 등 이해관계가 있는 경우 즉시 이해충돌을 신고하고 해당 제안서를 평가하지 않겠습니다.',
    '2. 제안서와 평가 과정에서 알게 된 정보를 평가 외의 목적으로 사용하거나 외부에 누설하지 않겠습니다.',
    '3. 블라인드 평가에서는 신청기관을 추정하거나 확인하려 하지 않겠습니다.',
    '4. 공정하고 독립적으로 평가하며, 누구의 청탁이나 압력도 받지 않겠습니다.',
  ].join('\n'),
  en: [
    'As a reviewer in this review round, I pledge the following.',
    '1. If I have an interest in an assigned proposal’s applicant or participants — an affiliation within the last three years, advisory work, joint research, family ties or the like — I will declare the conflict at once and not review that proposal.',
    '2. I will not use what I learn from the proposals or the review for any other purpose, nor disclose it.',
    '3. Under blind review I will not try to guess or find out who the applicant is.',
    '4. I will review fairly and independently and accept no request or pressure from anyone.',
  ].join('\n'),
};
