import { describe, expect, it } from 'vitest';
import { checkCompleteness, visibleProposal } from '../../src/application/completeness.ts';
import { defaultFormConfig, withFormDefaults } from '../../src/application/form-config.ts';
import { proposalDraft, type ProposalDraft } from '../../src/application/proposal.ts';

const complete: ProposalDraft = {
  title: '의료 특화 파운데이션 모델',
  domain: 'medical',
  summary: '요약',
  developmentGoals: '목표',
  stageGoals: [{ metric: 'KorMedMCQA', target: '≥ 80%', dueDate: '2026-03-31' }],
  gpuRequest: [{ phaseKey: 'phase-1', gpus: 256 }],
  openSourcePlan: { what: 'weights', licence: 'Apache-2.0' },
};
const facts = { phaseKeys: ['phase-1', 'phase-2'], attachmentCount: 0 };

describe('completeness of a proposal against its call form', () => {
  it('accepts a complete proposal under the default form (attachments optional)', () => {
    expect(checkCompleteness(complete, defaultFormConfig, facts)).toEqual([]);
  });

  it('keeps a draft stage goal without a due date, but refuses to submit it', () => {
    const draft = { ...complete, stageGoals: [{ metric: 'KorMedMCQA', target: '≥ 80%' }] };
    expect(proposalDraft.safeParse(draft).success).toBe(true);
    expect(checkCompleteness(draft, defaultFormConfig, facts).map((i) => i.field)).toEqual(['proposal.stageGoals[0].dueDate']);
  });

  it('names every missing required field, not only the first', () => {
    const issues = checkCompleteness({ title: '  ' }, defaultFormConfig, facts);
    expect(issues.map((i) => i.field)).toEqual([
      'proposal.title',
      'proposal.domain',
      'proposal.summary',
      'proposal.developmentGoals',
      'proposal.stageGoals',
      'proposal.gpuRequest',
      'proposal.openSourcePlan',
    ]);
    expect(issues[0]!.message.ko).toContain('과제명');
  });

  it('asks for an attachment only when the call requires one', () => {
    const form = withFormDefaults({ fields: { ...defaultFormConfig.fields, attachments: 'required' } });
    expect(checkCompleteness(complete, form, facts).map((i) => i.field)).toEqual(['proposal.attachments']);
    expect(checkCompleteness(complete, form, { ...facts, attachmentCount: 1 })).toEqual([]);
  });

  it('does not ask for hidden fields and drops them from the visible proposal', () => {
    const form = withFormDefaults({ fields: { ...defaultFormConfig.fields, openSourcePlan: 'hidden', summary: 'optional' } });
    const { openSourcePlan: _o, summary: _s, ...rest } = complete;
    expect(checkCompleteness(rest, form, facts)).toEqual([]);
    expect(visibleProposal(complete, form)).not.toHaveProperty('openSourcePlan');
    expect(visibleProposal(complete, form)).toHaveProperty('summary');
  });

  it('refuses a GPU request for a phase the program lacks, and one phase twice', () => {
    const p = {
      ...complete,
      gpuRequest: [
        { phaseKey: 'phase-3', gpus: 8 },
        { phaseKey: 'phase-1', gpus: 8 },
        { phaseKey: 'phase-1', gpus: 8 },
      ],
    };
    expect(checkCompleteness(p, defaultFormConfig, facts).map((i) => i.field)).toEqual(['proposal.gpuRequest[0].phaseKey', 'proposal.gpuRequest[2].phaseKey']);
  });

  it('refuses a stage goal without metric or target', () => {
    const p = { ...complete, stageGoals: [{ metric: '', target: ' ', dueDate: '2026-01-01' }] };
    expect(checkCompleteness(p, defaultFormConfig, facts).map((i) => i.field)).toEqual(['proposal.stageGoals[0].metric', 'proposal.stageGoals[0].target']);
  });
});

describe('draft proposal schema', () => {
  it('accepts an empty draft but refuses wrong types and unknown fields, naming them', () => {
    expect(proposalDraft.safeParse({}).success).toBe(true);
    const bad = proposalDraft.safeParse({ title: 12, domain: 'space', gpuRequest: [{ phaseKey: 'phase-1', gpus: 1.5 }], colour: 'red' });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['title', 'domain', 'gpuRequest.0.gpus']));
    expect(bad.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });
});
