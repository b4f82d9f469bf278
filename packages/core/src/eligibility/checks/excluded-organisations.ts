import { particle } from '../../shared/korean-particles.ts';
import type { LocalizedText } from '../../shared/localized.ts';
import { consortiumMembers } from '../consortium.ts';
import { findExclusion } from '../excluded-match.ts';
import { fail, listing, pass, type RuleCheck } from './outcome.ts';

const withReason = (text: LocalizedText, reason: LocalizedText | undefined): LocalizedText =>
  reason ? { ko: `${text.ko} (사유: ${reason.ko})`, en: `${text.en} (reason: ${reason.en})` } : text;

/**
 * No barred organisation in the consortium. Two settings of the rule decide who is barred:
 * `teamScope` says which listed organisations the list bars — only the listed teams' lead
 * institutions (specialized-fm: K-AI teams' participating companies and universities may apply) or
 * every listed member — and `scope` says where in the applying consortium: only as its lead, or in
 * any role. Identities come from the registry records (number or folded names), never from typing.
 */
export const checkExcludedOrganisations: RuleCheck<'excludedOrganisations'> = (rule, consortium, settings) => {
  const list = settings.exclusionLists[rule.list];
  if (!list) {
    // a program whose data points at a missing list cannot vouch for anyone: fail closed and say why
    return fail({
      ko: `제외 기관 명단 "${rule.list}"${particle(rule.list, '이/가')} 사업 정보에 없어 확인할 수 없습니다`,
      en: `the exclusion list "${rule.list}" is missing from the program's data, so this cannot be checked`,
    });
  }
  const leadsOnly = rule.teamScope === 'leads';
  const barred = leadsOnly ? list.filter((e) => e.teamRole === 'lead') : list;
  const asLeadOnly = rule.scope === 'lead';
  const judged = asLeadOnly ? [consortium.lead] : consortiumMembers(consortium);
  const hits = judged.flatMap((m) => {
    const e = findExclusion(m, barred);
    return e ? [{ member: m, excluded: e }] : [];
  });
  if (hits.length === 0) {
    // members of a listed team that the list does not bar are named, so the office sees they were looked at
    const spared = consortiumMembers(consortium).flatMap((m) => {
      const e = findExclusion(m, list);
      return e ? [{ member: m, excluded: e }] : [];
    });
    const sparedText = spared.length
      ? listing(
          spared.map(({ member, excluded }) => ({
            ko: `${member.name}(${excluded.teamRole === 'lead' ? '정예팀 주관기관' : '정예팀 참여기관'})`,
            en: `${member.name} (${excluded.teamRole === 'lead' ? "a listed team's lead" : "a listed team's participant"})`,
          })),
        )
      : undefined;
    const base: LocalizedText = asLeadOnly
      ? {
          ko: `주관기관이 참여 제한 기관(${barred.length}곳)에 해당하지 않습니다 (제한은 주관기관에만 적용)`,
          en: `the lead is not on the list of ${barred.length} excluded organisations (the list bars leads only)`,
        }
      : { ko: `참여 제한 기관(${barred.length}곳)에 해당하는 기관이 없습니다`, en: `no member is on the list of ${barred.length} excluded organisations` };
    const scopeNote: LocalizedText = leadsOnly
      ? {
          ko: '명단에 오른 팀의 주관기관만 제한하고, 참여기관은 지원할 수 있습니다',
          en: "the list bars the listed teams' lead institutions only; their participants may apply",
        }
      : { ko: '', en: '' };
    return pass(
      withReason(
        {
          ko: [base.ko, scopeNote.ko, sparedText ? `명단에 있으나 제한되지 않는 기관: ${sparedText.ko}` : ''].filter(Boolean).join('. '),
          en: [base.en, scopeNote.en, sparedText ? `listed but not barred: ${sparedText.en}` : ''].filter(Boolean).join('; '),
        },
        rule.reason,
      ),
    );
  }
  const who = listing(
    hits.map(({ member, excluded }) => ({
      ko: `${member.name}(${excluded.name.ko}${excluded.reason ? `, ${excluded.reason.ko}` : ''})`,
      en: `${member.name} (${excluded.name.en}${excluded.reason ? `, ${excluded.reason.en}` : ''})`,
    })),
  );
  return fail(
    withReason(
      asLeadOnly
        ? {
            ko: `주관기관이 참여가 제한된 기관입니다: ${who.ko}. 이 기관은 참여기관으로만 참여할 수 있습니다`,
            en: `the lead is an excluded organisation: ${who.en}; it may take part only as a participant`,
          }
        : { ko: `참여가 제한된 기관이 포함되어 있습니다: ${who.ko}`, en: `excluded organisations take part: ${who.en}` },
      rule.reason,
    ),
    hits.map((h) => h.member.name),
  );
};
