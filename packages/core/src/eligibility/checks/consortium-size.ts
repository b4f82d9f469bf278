import { fail, pass, type RuleCheck } from './outcome.ts';

/** Size counts the lead: a solo application is a consortium of one. */
export const checkConsortiumSize: RuleCheck<'consortiumSize'> = (rule, { participants }) => {
  const size = 1 + participants.length;
  const bounds =
    rule.max === undefined
      ? { ko: `${rule.min}곳 이상`, en: `at least ${rule.min}` }
      : { ko: `${rule.min}~${rule.max}곳`, en: `between ${rule.min} and ${rule.max}` };
  if (size >= rule.min && (rule.max === undefined || size <= rule.max)) {
    return pass({ ko: `컨소시엄 규모 ${size}곳 (허용: ${bounds.ko})`, en: `the consortium has ${size} institution(s) (allowed: ${bounds.en})` });
  }
  return fail({
    ko: `컨소시엄 규모가 ${size}곳(주관기관 포함)으로 허용 범위(${bounds.ko})를 벗어납니다`,
    en: `the consortium has ${size} institution(s) including the lead, outside the allowed ${bounds.en}`,
  });
};
