import { Alert, Card, Group, List, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { useMutationCall } from '../../api/use-mutation-call';
import { formatInstant, pick } from '../../format/time';
import { taskInvitationsUrl, type InvitationChange, type TaskInvitation, type TaskMembers, type TaskRole } from './api';

/** What an invitation does, drawn from the server's preview: the address, the organisation record, the role and how it completes. */
export function InvitationPreview({ invitation }: { invitation: InvitationChange['invitation'] }) {
  const { t, i18n } = useTranslation();
  return (
    <List size="sm" data-testid="invitation-preview">
      <List.Item>
        {t('taskInvitations.preview.email')}: <span translate="no">{invitation.email}</span>
      </List.Item>
      <List.Item>
        {t('taskInvitations.preview.organisation')}: {pick(invitation.organisation.name, i18n.language)}
      </List.Item>
      <List.Item>
        {t('taskInvitations.preview.role')}: {t(`tasks.role.${invitation.role}`)}
      </List.Item>
      <List.Item>
        {t(
          invitation.confirmed
            ? 'taskInvitations.preview.confirmed'
            : invitation.hasAccount
              ? 'taskInvitations.preview.unconfirmed'
              : 'taskInvitations.preview.newAccount',
        )}
      </List.Item>
      <List.Item>{t('taskInvitations.preview.clusterUsername')}</List.Item>
    </List>
  );
}

/** The office invites an address into the task, for one of the task's consortium organisations (picked from the records). */
export function InviteMember({ data }: { data: TaskMembers }) {
  const { t, i18n } = useTranslation();
  const m = useMutationCall();
  const [email, setEmail] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(data.organisations.length === 1 ? data.organisations[0]!.id : null);
  const [role, setRole] = useState<TaskRole>('member');
  const url = taskInvitationsUrl(data.task.id);
  return (
    <Card withBorder data-testid="invite-member">
      <Title order={4}>{t('taskInvitations.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('taskInvitations.hint')}
      </Text>
      {data.organisations.length === 0 ? (
        <Text size="sm" mt="xs">
          {t('taskInvitations.noOrganisations')}
        </Text>
      ) : (
        <Group align="flex-end" mt="xs">
          <TextInput
            label={t('taskInvitations.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={m.issueFor('email')}
            w={280}
            data-testid="invite-email"
          />
          <Select
            label={t('taskInvitations.organisation')}
            placeholder={t('taskInvitations.organisationPlaceholder')}
            value={organisationId}
            onChange={setOrganisationId}
            data={data.organisations.map((o) => ({ value: o.id, label: pick(o.name, i18n.language) }))}
            error={m.issueFor('organisationId')}
            allowDeselect={false}
            w={260}
            data-testid="invite-organisation"
          />
          <Select
            label={t('taskInvitations.role')}
            value={role}
            onChange={(v) => setRole((v as TaskRole | null) ?? 'member')}
            data={[
              { value: 'member', label: t('tasks.role.member') },
              { value: 'lead', label: t('tasks.role.lead') },
            ]}
            allowDeselect={false}
            w={140}
            data-testid="invite-role"
          />
          <ConfirmWithPreview<InvitationChange>
            testId="invite-submit"
            label={t('taskInvitations.submit')}
            title={t('taskInvitations.title')}
            color="blue"
            disabled={email.trim() === '' || !organisationId}
            error={m.error}
            loadPreview={() => m.send<InvitationChange>('POST', url, { email, organisationId, role, mode: 'preview' })}
            renderPreview={(p) => <InvitationPreview invitation={p.invitation} />}
            reason={{ label: t('taskInvitations.reason'), minLength: 2 }}
            confirmLabel={t('taskInvitations.confirm')}
            onConfirm={async (reason) => {
              const ok = (await m.send('POST', url, { email, organisationId, role, reason, mode: 'commit' })) !== null;
              if (ok) setEmail('');
              return ok;
            }}
          />
        </Group>
      )}
      {m.error && !m.issueFor('email') && !m.issueFor('organisationId') && (
        <Alert color="red" mt="xs">
          {m.error}
        </Alert>
      )}
    </Card>
  );
}

function WithdrawButton({ taskId, invitation }: { taskId: string; invitation: TaskInvitation }) {
  const { t } = useTranslation();
  const m = useMutationCall();
  const url = `${taskInvitationsUrl(taskId)}/${invitation.id}`;
  return (
    <ConfirmWithPreview<InvitationChange>
      testId={`withdraw-${invitation.email}`}
      label={t('taskInvitations.pending.withdraw')}
      title={t('taskInvitations.pending.withdrawTitle', { email: invitation.email })}
      variant="subtle"
      error={m.error}
      loadPreview={() => m.send<InvitationChange>('DELETE', url, { mode: 'preview' })}
      renderPreview={(p) => <InvitationPreview invitation={p.invitation} />}
      reason={{ label: t('taskInvitations.pending.withdrawReason'), minLength: 2 }}
      confirmLabel={t('taskInvitations.pending.withdraw')}
      onConfirm={async (reason) => (await m.send('DELETE', url, { reason, mode: 'commit' })) !== null}
    />
  );
}

/** The office's pending invitations of the task: who, for which organisation and role, and whether they still have to sign up or confirm. */
export function PendingInvitations({ data }: { data: TaskMembers }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card withBorder data-testid="pending-invitations">
      <Title order={4}>{t('taskInvitations.pending.title')}</Title>
      {data.invitations.length === 0 ? (
        <Text size="sm" mt="xs">
          {t('taskInvitations.pending.none')}
        </Text>
      ) : (
        <Table striped verticalSpacing="xs" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('taskInvitations.pending.email')}</Table.Th>
              <Table.Th>{t('taskInvitations.pending.organisation')}</Table.Th>
              <Table.Th>{t('taskInvitations.pending.role')}</Table.Th>
              <Table.Th>{t('taskInvitations.pending.state')}</Table.Th>
              <Table.Th>{t('taskInvitations.pending.invitedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.invitations.map((inv) => (
              <Table.Tr key={inv.id} data-testid={`invitation-${inv.email}`}>
                <Table.Td translate="no">{inv.email}</Table.Td>
                <Table.Td>{pick(inv.organisation.name, lang)}</Table.Td>
                <Table.Td>{t(`tasks.role.${inv.role}`)}</Table.Td>
                <Table.Td>
                  {t(
                    inv.confirmed
                      ? 'taskInvitations.pending.awaitingAcceptance'
                      : inv.hasAccount
                        ? 'taskInvitations.pending.awaitingConfirmation'
                        : 'taskInvitations.pending.awaitingSignUp',
                  )}
                </Table.Td>
                <Table.Td>{formatInstant(inv.createdAt, lang)}</Table.Td>
                <Table.Td>
                  <WithdrawButton taskId={data.task.id} invitation={inv} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
