import { Alert, Badge, Button, Card, Drawer, Grid, Group, List, Stack, Stepper, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { checkCompleteness } from '@stagegate/core/application/completeness';
import type { FieldIssue } from '../../api/types';
import { ConsortiumBuilder } from '../../components/consortium/ConsortiumBuilder';
import { EligibilityPanel } from '../../components/consortium/EligibilityPanel';
import { consortiumFrom, consortiumPayload, messagesByField } from '../../components/consortium/consortium-draft';
import { useLiveVerdict } from '../../components/consortium/useLiveVerdict';
import { formatInstant, pick } from '../../format/time';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { call as callApi } from '../../api/contract-client';
import {
  previewSubmission,
  submitApplication,
  type ApplicationDetail,
  type CallSummary,
  type ConsortiumDraft,
  type ProposalDraft,
  type SubmitPreview,
} from './api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { clockTime } from './format';
import { issuesOf } from './issues';
import { issueText } from '../../api/issue-text';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { ProposalFields } from './ProposalFields';
import { proposalFormFrom, proposalPayload, type ProposalForm } from './proposal-form';
import { useAutosave } from './useAutosave';
import { VersionHistory } from './VersionHistory';
import { WithdrawButton } from './WithdrawButton';
import { bothLanguages } from '../../i18n/both-languages';

/** Which step a field named by the API lives on, so a message can send the user there. */
function stepOf(field: string): number | null {
  if (field.startsWith('consortium') || field.startsWith('eligibility')) return 0;
  if (field === 'proposal.attachments' || field === 'file') return 2;
  if (field.startsWith('proposal')) return 1;
  return null;
}

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.round(performance.now() * 1000)}`);

function payloadOf(c: ConsortiumDraft, p: ProposalForm, call: CallSummary): { consortium: unknown; proposal: ProposalDraft } {
  return {
    consortium: consortiumPayload(c),
    proposal: proposalPayload(
      p,
      call.form,
      call.phases.map((ph) => ph.key),
    ),
  };
}

export function ApplicationEditor({ detail, call, onReload }: { detail: ApplicationDetail; call: CallSummary; onReload: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const app = detail.application;
  const [consortium, setConsortium] = useState<ConsortiumDraft>(() => consortiumFrom(app.consortium));
  const [proposal, setProposal] = useState<ProposalForm>(() => proposalFormFrom(app.proposal));
  const [step, setStep] = useState(0);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [submitIssues, setSubmitIssues] = useState<FieldIssue[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const idempotency = useRef<{ version: number; key: string } | null>(null);

  const payload = useMemo(() => payloadOf(consortium, proposal, call), [consortium, proposal, call]);
  const autosave = useAutosave(app.id, app.currentVersion, payload);
  const live = useLiveVerdict(app.program, app.call, app.organisationId, payload.consortium);
  const s = autosave.state;

  const precheck = checkCompleteness(payload.proposal, call.form, { phaseKeys: call.phases.map((p) => p.key), attachmentCount: detail.attachments.length });
  const failedRules = live.answer?.verdict?.rules.filter((r) => !r.passed) ?? [];
  // a refused submission's messages stay only while they are still true of what is on screen
  const stillOpen = (i: FieldIssue) =>
    i.field.startsWith('proposal.')
      ? precheck.some((p) => p.field === i.field)
      : i.field.startsWith('eligibility.')
        ? failedRules.some((r) => `eligibility.${r.id}` === i.field)
        : !i.field.startsWith('consortium.');
  const openSubmitIssues = submitIssues.filter(stillOpen);
  const serverIssues = [...s.issues, ...openSubmitIssues, ...(live.answer?.issues ?? [])];
  const consortiumErrors = messagesByField(
    serverIssues.filter((i) => i.field.startsWith('consortium.')),
    lang,
    'consortium.',
  );
  const proposalErrors = messagesByField(
    serverIssues.filter((i) => i.field.startsWith('proposal')),
    lang,
  );

  const refreshAttachments = () => void qc.invalidateQueries({ queryKey: ['application', app.id] });

  const reloadServer = () => {
    const c = s.conflict!;
    const nextConsortium = consortiumFrom(c.current.consortium);
    const nextProposal = proposalFormFrom(c.current.proposal);
    setConsortium(nextConsortium);
    setProposal(nextProposal);
    autosave.acceptServer(JSON.stringify(payloadOf(nextConsortium, nextProposal, call)), c.currentVersion);
    void qc.invalidateQueries({ queryKey: ['application', app.id, 'versions'] });
  };

  const restore = async (version: number) => {
    const { version: base } = await autosave.flush();
    await callApi(apps.restore, { params: { id: app.id, version }, body: { baseVersion: base } });
    await onReload();
  };

  const [submitError, setSubmitError] = useState<string | null>(null);
  // first click: save what is on screen, then ask the server what submitting would freeze (nothing is submitted)
  const previewSubmit = async (): Promise<SubmitPreview | null> => {
    setSubmitIssues([]);
    setSubmitError(null);
    try {
      const { version, ok } = await autosave.flush();
      if (!ok) {
        const unsaved = {
          field: 'baseVersion',
          message: bothLanguages(i18n, 'applications.editor.unsavedBeforeSubmit'),
        };
        setSubmitIssues([unsaved]);
        setSubmitError(pick(unsaved.message, i18n.language));
        return null;
      }
      return await previewSubmission(app.id, version);
    } catch (e) {
      const issues = issuesOf(e, 'submit');
      setSubmitIssues(issues);
      setSubmitError(issues.map((i) => pick(i.message, i18n.language)).join(' · '));
      return null;
    }
  };
  const submit = async (_reason: string, preview: SubmitPreview) => {
    setSubmitting(true);
    try {
      if (idempotency.current?.version !== preview.version) idempotency.current = { version: preview.version, key: newKey() };
      await submitApplication(app.id, preview.version, idempotency.current.key);
      await qc.invalidateQueries({ queryKey: ['applications'] });
      await qc.invalidateQueries({ queryKey: ['application', app.id] });
      navigate(`/applications/${app.id}/receipt`);
      return true;
    } catch (e) {
      const issues = issuesOf(e, 'submit');
      setSubmitIssues(issues);
      setSubmitError(issues.map((i) => pick(i.message, i18n.language)).join(' · '));
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  const saveLine =
    s.phase === 'saving'
      ? t('applications.editor.saving')
      : s.phase === 'pending'
        ? t('applications.editor.pending')
        : s.savedAt
          ? t('applications.editor.savedAt', { time: clockTime(s.savedAt, lang), version: s.version })
          : t('applications.editor.loadedVersion', { version: s.version });

  return (
    <Stack maw={1400}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {pick(call.programName, lang)} · {pick(call.name, lang)}
          </Text>
          <Title order={2}>{proposal.title || t('applications.untitled')}</Title>
          <Text size="sm" c="dimmed">
            {t('applications.editor.closes', { at: formatInstant(app.extendedUntil ?? call.closes, lang) })}
          </Text>
        </div>
        <Group>
          <Badge size="lg" variant="light">
            {t(`applications.status.${app.status}`)}
          </Badge>
          <Text size="sm" c={s.phase === 'error' ? 'red' : 'dimmed'} data-testid="save-status">
            {saveLine}
          </Text>
          <Button variant="default" size="xs" onClick={() => setHistoryOpen(true)}>
            {t('applications.versions.title')}
          </Button>
        </Group>
      </Group>

      {s.phase === 'conflict' && s.conflict && (
        <Alert color="orange" title={t('applications.editor.conflictTitle')} data-testid="conflict-banner">
          <Stack gap="xs">
            <Text size="sm">{t('applications.editor.conflict', { current: s.conflict.currentVersion, kept: s.conflict.conflictedVersion })}</Text>
            <Group>
              <Button size="xs" onClick={reloadServer}>
                {t('applications.editor.reloadLatest')}
              </Button>
              <Button size="xs" variant="default" onClick={() => void autosave.keepMine(s.conflict!.currentVersion)}>
                {t('applications.editor.keepMine')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {s.phase === 'error' && (
        <Alert color="red" title={t('applications.editor.notSaved')} data-testid="save-error">
          {s.issues.length > 0 ? (
            <List size="sm">
              {s.issues.map((i) => (
                <List.Item key={i.field}>{issueText(i, i18n)}</List.Item>
              ))}
            </List>
          ) : (
            s.errorMessage
          )}
        </Alert>
      )}

      <Stepper active={step} onStepClick={setStep} allowNextStepsSelect size="sm">
        <Stepper.Step label={t('applications.steps.consortium')} description={t('applications.steps.consortiumHint')}>
          <Grid mt="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <ConsortiumBuilder value={consortium} onChange={setConsortium} errors={consortiumErrors} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <EligibilityPanel answer={live.answer} checking={live.checking} error={live.error} />
            </Grid.Col>
          </Grid>
        </Stepper.Step>
        <Stepper.Step label={t('applications.steps.proposal')} description={t('applications.steps.proposalHint')}>
          <Stack mt="md">
            <ProposalFields value={proposal} onChange={setProposal} call={call} errors={proposalErrors} />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('applications.steps.attachments')} description={t('applications.steps.attachmentsHint')}>
          <Stack mt="md">
            <AttachmentsPanel
              applicationId={app.id}
              attachments={detail.attachments}
              maxBytes={call.form.maxAttachmentBytes}
              requirement={call.form.fields.attachments ?? 'optional'}
              editable
              onChanged={refreshAttachments}
            />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('applications.steps.submit')} description={t('applications.steps.submitHint')}>
          <Grid mt="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Card withBorder padding="lg">
                <Stack>
                  <Title order={4}>{t('applications.submit.checklist')}</Title>
                  {precheck.length === 0 && failedRules.length === 0 && live.answer?.verdict ? (
                    <Alert color="teal" data-testid="ready-to-submit">
                      {t('applications.submit.ready')}
                    </Alert>
                  ) : (
                    <List size="sm" data-testid="precheck">
                      {precheck.map((i) => (
                        <List.Item key={i.field}>
                          <Button variant="subtle" size="compact-xs" onClick={() => setStep(stepOf(i.field) ?? 1)}>
                            {t('applications.submit.goTo')}
                          </Button>{' '}
                          {pick(i.message, lang)}
                        </List.Item>
                      ))}
                      {failedRules.map((r) => (
                        <List.Item key={r.id}>
                          <Button variant="subtle" size="compact-xs" onClick={() => setStep(0)}>
                            {t('applications.submit.goTo')}
                          </Button>{' '}
                          {pick(r.message, lang)}
                        </List.Item>
                      ))}
                      {!live.answer?.verdict && <List.Item>{t('applications.submit.consortiumIncomplete')}</List.Item>}
                    </List>
                  )}
                  {openSubmitIssues.length > 0 && (
                    <Alert color="red" title={t('applications.submit.refused')} data-testid="submit-issues">
                      <List size="sm">
                        {openSubmitIssues.map((i) => (
                          <List.Item key={i.field}>
                            {issueText(i, i18n)}
                            {stepOf(i.field) !== null && (
                              <Button variant="subtle" size="compact-xs" ml="xs" onClick={() => setStep(stepOf(i.field)!)}>
                                {t('applications.submit.goTo')}
                              </Button>
                            )}
                          </List.Item>
                        ))}
                      </List>
                    </Alert>
                  )}
                  <Text size="sm" c="dimmed">
                    {t('applications.submit.explain')}
                  </Text>
                  <Group justify="space-between">
                    {detail.permissions.withdraw ? <WithdrawButton applicationId={app.id} onDone={onReload} /> : <span />}
                    <ConfirmWithPreview<SubmitPreview>
                      label={t('applications.submit.button')}
                      title={t('confirmActions.submit.title')}
                      color="blue"
                      testId="submit-button"
                      busy={submitting}
                      disabled={s.phase === 'conflict'}
                      error={submitError}
                      loadPreview={previewSubmit}
                      renderPreview={(p) => (
                        <List size="sm" spacing={4} data-testid="submit-preview">
                          <List.Item>{t('confirmActions.submit.proposal', { title: p.title })}</List.Item>
                          <List.Item>{t('confirmActions.submit.version', { version: p.version })}</List.Item>
                          <List.Item>{t('confirmActions.submit.attachments', { n: p.attachments })}</List.Item>
                          <List.Item>
                            {t('confirmActions.submit.closes', { closes: formatInstant(p.closesAt, i18n.language), now: formatInstant(p.now, i18n.language) })}
                          </List.Item>
                          {!p.eligible && <List.Item>{t('confirmActions.submit.pending')}</List.Item>}
                          <List.Item fw={600}>{t('confirmActions.submit.locked')}</List.Item>
                        </List>
                      )}
                      confirmLabel={t('confirmActions.submit.confirm')}
                      onConfirm={submit}
                    />
                  </Group>
                </Stack>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <EligibilityPanel answer={live.answer} checking={live.checking} error={live.error} />
            </Grid.Col>
          </Grid>
        </Stepper.Step>
      </Stepper>

      <Group justify="space-between">
        <Button variant="default" disabled={step === 0} onClick={() => setStep(step - 1)}>
          {t('applications.editor.previous')}
        </Button>
        {step < 3 && <Button onClick={() => setStep(step + 1)}>{t('applications.editor.next')}</Button>}
      </Group>

      <Drawer opened={historyOpen} onClose={() => setHistoryOpen(false)} position="right" size="xl" title={t('applications.versions.title')}>
        <Text size="sm" c="dimmed" mb="sm">
          {t('applications.versions.help')}
        </Text>
        {historyOpen && <VersionHistory applicationId={app.id} currentVersion={s.version} onRestore={restore} />}
      </Drawer>
    </Stack>
  );
}
