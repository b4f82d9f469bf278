import { consortiumMembers } from '../consortium.ts';
import { fail, pass, typeList, type RuleCheck } from './outcome.ts';

/** At least `min` members of the given types, counting the lead as well as the participants. */
export const checkRequiredMemberType: RuleCheck<'requiredMemberType'> = (rule, consortium) => {
  const wanted = typeList(rule.types);
  const found = consortiumMembers(consortium).filter((m) => rule.types.includes(m.type));
  const names = found.map((m) => m.name).join(', ');
  if (found.length >= rule.min) {
    return pass({
      ko: `필수 참여 유형(${wanted.ko}) ${found.length}곳 참여: ${names}`,
      en: `${found.length} member(s) of a required type (${wanted.en}) take part: ${names}`,
    });
  }
  // no member is to blame for an absence, so the failure names none
  return fail({
    ko: `컨소시엄에 ${wanted.ko} 유형 기관이 ${rule.min}곳 이상 (주관 또는 참여기관으로) 있어야 하나 ${found.length}곳입니다${names ? `: ${names}` : ''}`,
    en: `the consortium needs at least ${rule.min} ${wanted.en} (as lead or participant) but has ${found.length}${names ? `: ${names}` : ''}`,
  });
};
