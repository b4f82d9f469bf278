import { fail, pass, typeLabel, typeList, type RuleCheck } from './outcome.ts';
import { particle } from '../../shared/korean-particles.ts';

export const checkAllowedLeadTypes: RuleCheck<'allowedLeadTypes'> = (rule, { lead }) => {
  const allowed = typeList(rule.types);
  const t = typeLabel(lead.type);
  if (rule.types.includes(lead.type)) {
    return pass({
      ko: `주관기관 ${lead.name}(${t.ko})${particle(t.ko, '은/는')} 주관기관이 될 수 있는 유형입니다`,
      en: `the lead ${lead.name} (${t.en}) is of a type that may lead`,
    });
  }
  return fail(
    {
      ko: `주관기관 ${lead.name}${particle(lead.name, '은/는')} ${t.ko}${particle(t.ko, '으로/로')}, 주관기관이 될 수 없습니다. 주관기관 가능 유형: ${allowed.ko}`,
      en: `the lead ${lead.name} is a ${t.en}, which may not lead; a lead must be one of: ${allowed.en}`,
    },
    [lead.name],
  );
};
