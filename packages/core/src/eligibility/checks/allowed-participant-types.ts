import { fail, listing, pass, typeLabel, typeList, type RuleCheck } from './outcome.ts';

export const checkAllowedParticipantTypes: RuleCheck<'allowedParticipantTypes'> = (rule, { participants }) => {
  const allowed = typeList(rule.types);
  const offenders = participants.filter((p) => !rule.types.includes(p.type));
  if (offenders.length === 0) {
    return pass({
      ko: `참여기관 ${participants.length}곳 모두 참여 가능한 유형입니다`,
      en: `all ${participants.length} participants are of types that may participate`,
    });
  }
  const who = listing(offenders.map((p) => ({ ko: `${p.name}(${typeLabel(p.type).ko})`, en: `${p.name} (${typeLabel(p.type).en})` })));
  return fail(
    {
      ko: `참여할 수 없는 유형의 참여기관: ${who.ko}. 참여 가능 유형: ${allowed.ko}`,
      en: `participants of a type that may not take part: ${who.en}; a participant must be one of: ${allowed.en}`,
    },
    offenders.map((p) => p.name),
  );
};
