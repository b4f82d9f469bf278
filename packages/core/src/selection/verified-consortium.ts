import type { FieldIssue } from '../shared/localized.ts';
import type { Consortium } from '../eligibility/consortium.ts';
import { unverifiedMembers } from '../eligibility/check-eligibility.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * Selection decides on facts the office has checked: a consortium whose members' type or
 * registration number is still only declared cannot be selected (it may be submitted and reviewed).
 */
export function unverifiedSelectionIssue(field: string, label: string, consortium: Consortium): FieldIssue | undefined {
  const names = unverifiedMembers(consortium).map((m) => m.name);
  if (names.length === 0) return undefined;
  const list = names.join(', ');
  return {
    field,
    message: {
      ko: `"${label}"${particle(label, '은/는')} 확인되지 않은 기관이 있어 선정할 수 없습니다: ${list}. 기관 유형과 사업자등록번호를 먼저 확인해 주세요`,
      en: `"${label}" cannot be selected while organisations are unverified: ${list}; verify their type and registration number first`,
    },
  };
}
