import type { FieldIssue } from '../shared/localized.ts';
import { requirementOf, type CallFormConfig } from './form-config.ts';
import { proposalFieldLabels, proposalFields, type ProposalDraft, type ProposalField } from './proposal.ts';
import { particle } from '../shared/korean-particles.ts';

export interface CompletenessFacts {
  /** phases of the program; a GPU request must name one of them */
  phaseKeys: string[];
  attachmentCount: number;
}

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

function isMissing(proposal: ProposalDraft, field: ProposalField, facts: CompletenessFacts): boolean {
  switch (field) {
    case 'title':
    case 'summary':
    case 'developmentGoals':
      return blank(proposal[field]);
    case 'domain':
      return proposal.domain === undefined;
    case 'stageGoals':
    case 'gpuRequest':
      return (proposal[field]?.length ?? 0) === 0;
    case 'openSourcePlan':
      return !proposal.openSourcePlan || blank(proposal.openSourcePlan.what) || blank(proposal.openSourcePlan.licence);
    case 'attachments':
      return facts.attachmentCount === 0;
  }
}

/**
 * What stands between a draft and a submission, field by field: required fields left empty, and
 * entries that are present but incomplete or point nowhere (a stage goal without a target, a GPU
 * request for a phase the program does not have). Hidden fields are not asked for.
 */
export function checkCompleteness(proposal: ProposalDraft, form: CallFormConfig, facts: CompletenessFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of proposalFields) {
    const requirement = requirementOf(form, field);
    if (requirement === 'required' && isMissing(proposal, field, facts)) {
      const label = proposalFieldLabels[field];
      issues.push({
        field: `proposal.${field}`,
        message: { ko: `${label.ko}${particle(label.ko, '을/를')} 입력해야 제출할 수 있습니다`, en: `${label.en} is required to submit` },
      });
    }
  }
  if (requirementOf(form, 'stageGoals') !== 'hidden') {
    proposal.stageGoals?.forEach((g, i) => {
      if (blank(g.metric))
        issues.push({ field: `proposal.stageGoals[${i}].metric`, message: { ko: '단계 목표의 지표가 비어 있습니다', en: 'the stage goal has no metric' } });
      if (blank(g.target))
        issues.push({ field: `proposal.stageGoals[${i}].target`, message: { ko: '단계 목표의 목표값이 비어 있습니다', en: 'the stage goal has no target' } });
      if (!g.dueDate)
        issues.push({ field: `proposal.stageGoals[${i}].dueDate`, message: { ko: '단계 목표의 기한이 비어 있습니다', en: 'the stage goal has no due date' } });
    });
  }
  if (requirementOf(form, 'gpuRequest') !== 'hidden') {
    const seen = new Set<string>();
    proposal.gpuRequest?.forEach((r, i) => {
      if (!facts.phaseKeys.includes(r.phaseKey)) {
        issues.push({
          field: `proposal.gpuRequest[${i}].phaseKey`,
          message: {
            ko: `사업에 "${r.phaseKey}" 단계가 없습니다 (가능: ${facts.phaseKeys.join(', ')})`,
            en: `the program has no phase "${r.phaseKey}" (expected one of ${facts.phaseKeys.join(', ')})`,
          },
        });
      } else if (seen.has(r.phaseKey)) {
        issues.push({
          field: `proposal.gpuRequest[${i}].phaseKey`,
          message: { ko: `"${r.phaseKey}" 단계 요청이 두 번 있습니다`, en: `phase "${r.phaseKey}" is requested twice` },
        });
      }
      seen.add(r.phaseKey);
    });
  }
  return issues;
}

/** Drops the fields a form hides, so a hidden field never reaches a frozen version or a reviewer. */
export function visibleProposal(proposal: ProposalDraft, form: CallFormConfig): ProposalDraft {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(proposal)) if (requirementOf(form, k as ProposalField) !== 'hidden') out[k] = v;
  return out as ProposalDraft;
}
