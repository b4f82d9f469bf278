import { Alert, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { useMutationCall } from '../../api/use-mutation-call';
import { formatInstant, pick } from '../../format/time';
import {
  organisationInvitationAnswerUrl,
  taskInvitationAnswerUrl,
  useOrganisationInvitations,
  useTaskInvitationsToMe,
  type OrganisationInvitation,
  type OrganisationInvitationAnswer,
  type TaskInvitationAnswer,
  type TaskInvitationToMe,
} from './api';

/** What answering a task invitation changes, from the server's preview. */
function TaskAnswerPreview({ answer }: { answer: TaskInvitationAnswer['answer'] }) {
  const { t, i18n } = useTranslation();
  const org = pick(answer.invitation.organisation.name, i18n.language);
  if (!answer.accept) return <Text size="sm">{t('invitations.task.declinePreview', { task: answer.invitation.task.key })}</Text>;
  return (
    <List size="sm" data-testid="task-invitation-answer">
      {answer.joinsOrganisation && <List.Item>{t('invitations.task.joinsOrganisation', { organisation: org })}</List.Item>}
      {answer.alreadyInTask ? (
        <List.Item>{t('invitations.task.alreadyInTask', { task: answer.invitation.task.key })}</List.Item>
      ) : answer.taskFull ? (
        <List.Item>{t('invitations.task.taskFull', { task: answer.invitation.task.key })}</List.Item>
      ) : (
        <List.Item>{t('invitations.task.joinsTask', { task: answer.invitation.task.key, role: t(`tasks.role.${answer.invitation.role}`) })}</List.Item>
      )}
      {answer.clusterUsername && !answer.alreadyInTask && (
        <List.Item>
          {t('invitations.task.clusterUsername')}: <span translate="no">{answer.clusterUsername}</span>
        </List.Item>
      )}
    </List>
  );
}

function TaskInvitationCard({ invitation }: { invitation: TaskInvitationToMe }) {
  const { t, i18n } = useTranslation();
  const m = useMutationCall();
  const url = taskInvitationAnswerUrl(invitation.id);
  const answer = (accept: boolean) => (
    <ConfirmWithPreview<TaskInvitationAnswer>
      testId={`task-invitation-${accept ? 'accept' : 'decline'}-${invitation.task.key}`}
      label={t(accept ? 'invitations.accept' : 'invitations.decline')}
      title={t(accept ? 'invitations.task.acceptTitle' : 'invitations.task.declineTitle', { task: invitation.task.key })}
      color={accept ? 'blue' : 'gray'}
      variant={accept ? 'filled' : 'default'}
      error={m.error}
      loadPreview={() => m.send<TaskInvitationAnswer>('POST', url, { accept, mode: 'preview' })}
      renderPreview={(p) => <TaskAnswerPreview answer={p.answer} />}
      confirmLabel={t(accept ? 'invitations.accept' : 'invitations.decline')}
      onConfirm={async () => (await m.send('POST', url, { accept, mode: 'commit' })) !== null}
    />
  );
  return (
    <Card withBorder data-testid={`task-invitation-${invitation.task.key}`}>
      <Stack gap={4}>
        <Text fw={600}>
          {invitation.task.key} · {pick(invitation.task.name, i18n.language)}
        </Text>
        <Text size="sm">
          {t('invitations.task.what', { organisation: pick(invitation.organisation.name, i18n.language), role: t(`tasks.role.${invitation.role}`) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('invitations.invitedAt')}: {formatInstant(invitation.createdAt, i18n.language)}
        </Text>
        <Group mt="xs">
          {answer(true)}
          {answer(false)}
        </Group>
      </Stack>
    </Card>
  );
}

/** An organisation's offer of membership: the server's preview names the organisation and the role it gives. */
function OrganisationInvitationCard({ invitation }: { invitation: OrganisationInvitation }) {
  const { t, i18n } = useTranslation();
  const m = useMutationCall();
  const qc = useQueryClient();
  const name = i18n.language === 'en' ? invitation.nameEn : invitation.nameKo;
  const role = t(`invitations.organisation.role.${invitation.role}`);
  const url = organisationInvitationAnswerUrl(invitation.id);
  const answer = (accept: boolean) => (
    <ConfirmWithPreview<OrganisationInvitationAnswer>
      testId={`organisation-invitation-${accept ? 'accept' : 'decline'}-${invitation.id}`}
      label={t(accept ? 'invitations.accept' : 'invitations.decline')}
      title={t(accept ? 'invitations.organisation.acceptTitle' : 'invitations.organisation.declineTitle', { organisation: name })}
      color={accept ? 'blue' : 'gray'}
      variant={accept ? 'filled' : 'default'}
      error={m.error}
      loadPreview={() => m.send<OrganisationInvitationAnswer>('POST', url, { accept, mode: 'preview' })}
      renderPreview={({ answer: a }) => {
        const organisation = pick(a.organisation.name, i18n.language);
        return (
          <Text size="sm" data-testid="organisation-invitation-answer">
            {a.accept
              ? t('invitations.organisation.acceptPreview', { organisation, role: t(`invitations.organisation.role.${a.role}`) })
              : t('invitations.organisation.declinePreview', { organisation })}
          </Text>
        );
      }}
      confirmLabel={t(accept ? 'invitations.accept' : 'invitations.decline')}
      // the organisation API answers with the offers left, not a status: refresh by hand
      onConfirm={async () => {
        const done = (await m.send('POST', url, { accept, mode: 'commit' })) !== null;
        if (done) await qc.invalidateQueries();
        return done;
      }}
    />
  );
  return (
    <Card withBorder data-testid={`organisation-invitation-${invitation.organisationId}`}>
      <Stack gap={4}>
        <Text fw={600}>{name}</Text>
        <Text size="sm">{t('invitations.organisation.what', { role })}</Text>
        <Text size="xs" c="dimmed">
          {t('invitations.invitedAt')}: {formatInstant(String(invitation.createdAt), i18n.language)}
        </Text>
        <Group mt="xs">
          {answer(true)}
          {answer(false)}
        </Group>
      </Stack>
    </Card>
  );
}

/** The invitations addressed to me: into tasks (from the office) and into organisations (from their admins). */
export function InvitationsPage() {
  const { t } = useTranslation();
  const tasks = useTaskInvitationsToMe();
  const orgs = useOrganisationInvitations();
  const none = tasks.data?.invitations.length === 0 && orgs.data?.invitations.length === 0;
  return (
    <Stack>
      <Title order={2}>{t('invitations.title')}</Title>
      <Text c="dimmed">{t('invitations.intro')}</Text>
      <QueryState isLoading={tasks.isLoading || orgs.isLoading} error={tasks.error ?? orgs.error} />
      {none && (
        <Alert data-testid="no-invitations">
          {t('invitations.none')} <Link to="/organisations">{t('invitations.toOrganisations')}</Link>
        </Alert>
      )}
      {!!tasks.data?.invitations.length && (
        <Stack gap="xs">
          <Title order={4}>{t('invitations.task.heading')}</Title>
          {tasks.data.invitations.map((i) => (
            <TaskInvitationCard key={i.id} invitation={i} />
          ))}
        </Stack>
      )}
      {!!orgs.data?.invitations.length && (
        <Stack gap="xs">
          <Title order={4}>{t('invitations.organisation.heading')}</Title>
          {orgs.data.invitations.map((i) => (
            <OrganisationInvitationCard key={i.id} invitation={i} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
