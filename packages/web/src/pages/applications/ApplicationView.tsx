import { Alert, Badge, Button, Card, Grid, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConsortiumBuilder } from '../../components/consortium/ConsortiumBuilder';
import { EligibilityPanel } from '../../components/consortium/EligibilityPanel';
import { consortiumFrom } from '../../components/consortium/consortium-draft';
import { useSession } from '../../api/session';
import { formatInstant, pick } from '../../format/time';
import { useStoredEligibility, type ApplicationDetail, type CallSummary } from './api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { OfficeActions } from './OfficeActions';
import { ProposalFields } from './ProposalFields';
import { proposalFormFrom } from './proposal-form';
import { VersionHistory } from './VersionHistory';
import { StatusHistory } from './StatusHistory';
import { WithdrawButton } from './WithdrawButton';

/** The application as stored, read-only: the office's view, and the applicant's once submitted or withdrawn. */
export function ApplicationView({ detail, call, onReload }: { detail: ApplicationDetail; call: CallSummary; onReload: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: actor } = useSession();
  const app = detail.application;
  const eligibility = useStoredEligibility(app.id);
  // a submitted application is judged as frozen at submission; a draft is judged now
  const shownAnswer = eligibility.data ? { ...eligibility.data, verdict: eligibility.data.frozenVerdict ?? eligibility.data.verdict } : null;
  return (
    <Stack maw={1400}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {pick(call.programName, lang)} · {pick(call.name, lang)}
          </Text>
          <Title order={2}>{app.proposal.title || t('applications.untitled')}</Title>
          <Group gap="xs" mt={4}>
            <Badge size="lg" variant="light" data-testid="application-status">
              {t(`applications.status.${app.status}`)}
            </Badge>
            {app.receiptNo && (
              <Badge size="lg" variant="outline" data-testid="application-receipt">
                {app.receiptNo}
              </Badge>
            )}
            {app.submittedAt && (
              <Text size="sm">
                {t('applications.receipt.submittedAt')}: {formatInstant(app.submittedAt, lang)}
              </Text>
            )}
          </Group>
        </div>
        <Group>
          {app.status === 'submitted' && actor?.role === 'applicant' && (
            <Button component={Link} to={`/applications/${app.id}/receipt`} variant="light">
              {t('applications.receipt.view')}
            </Button>
          )}
          {detail.permissions.withdraw && actor?.role === 'applicant' && <WithdrawButton applicationId={app.id} onDone={onReload} />}
        </Group>
      </Group>
      {actor?.role === 'operator' && <Alert color="gray">{t('applications.view.readOnly')}</Alert>}
      {app.status === 'withdrawn' && <Alert color="orange">{t('applications.view.withdrawn')}</Alert>}
      {app.status === 'draft' && actor?.role === 'operator' && <Alert color="blue">{t('applications.view.draftByApplicant')}</Alert>}

      {(detail.permissions.reopen || detail.permissions.overrideEligibility) && <OfficeActions detail={detail} onDone={onReload} />}
      {app.status !== 'draft' && <StatusHistory applicationId={app.id} />}

      <Tabs defaultValue="consortium">
        <Tabs.List>
          <Tabs.Tab value="consortium">{t('applications.steps.consortium')}</Tabs.Tab>
          <Tabs.Tab value="proposal">{t('applications.steps.proposal')}</Tabs.Tab>
          <Tabs.Tab value="attachments">{t('applications.steps.attachments')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('applications.versions.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="consortium" pt="md">
          <Grid>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <ConsortiumBuilder value={consortiumFrom(app.consortium)} readOnly />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <EligibilityPanel
                answer={shownAnswer}
                checking={eligibility.isLoading}
                error={eligibility.error}
                title={eligibility.data?.frozenVerdict ? t('applications.verdict.frozen') : undefined}
              />
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="proposal" pt="md">
          <ProposalFields value={proposalFormFrom(app.proposal)} call={call} errors={{}} readOnly />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsPanel
            applicationId={app.id}
            attachments={detail.attachments}
            maxBytes={call.form.maxAttachmentBytes}
            requirement={call.form.fields.attachments ?? 'optional'}
            editable={false}
            onChanged={() => undefined}
          />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <Card withBorder>
            <VersionHistory applicationId={app.id} currentVersion={app.currentVersion} />
          </Card>
        </Tabs.Panel>
      </Tabs>
      {app.submittedHash && (
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('applications.receipt.hash')}</Table.Th>
              {/* the fingerprint the receipt carries: compared character by character, not read */}
              <Table.Td translate="no" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {app.submittedHash}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
