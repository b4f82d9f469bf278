import { Alert, Anchor, Badge, Card, Group, List, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { useMutationCall } from '../../api/use-mutation-call';
import { formatInstant, pick } from '../../format/time';
import { InviteMember, PendingInvitations } from './TaskInvitations';
import { taskMembersUrl, useTaskMembers, type MemberChange, type TaskMembers, type TaskRole } from './api';

type Member = TaskMembers['members'][number];

/** What one change does, drawn from the server's preview: who, which role before and after, how many leads remain. */
export function MemberChangePreview({ change }: { change: MemberChange['change'] }) {
  const { t, i18n } = useTranslation();
  const role = (r: string | null) => (r ? t(`tasks.role.${r}`, { defaultValue: r }) : t('tasks.preview.none'));
  return (
    <List size="sm" data-testid="member-change">
      <List.Item>
        {t('tasks.preview.person')}: {change.name ?? t('tasks.noAccount')}{' '}
        {change.email && (
          <Text span c="dimmed" translate="no">
            ({change.email})
          </Text>
        )}
      </List.Item>
      <List.Item>
        {t('tasks.preview.role')}: {role(change.roleBefore)} → {role(change.roleAfter)}
      </List.Item>
      {change.kind === 'add' && (
        <>
          <List.Item>
            {t('tasks.preview.organisations')}: {change.organisations.map((o) => pick(o.name, i18n.language)).join(', ')}
          </List.Item>
          <List.Item>
            {t('tasks.preview.clusterUsername')}: <span translate="no">{change.clusterUsername}</span>
          </List.Item>
        </>
      )}
      <List.Item data-testid="member-change-leads">{t('tasks.preview.leads', { before: change.leadsBefore, after: change.leadsAfter })}</List.Item>
    </List>
  );
}

function AddMember({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const m = useMutationCall();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TaskRole>('member');
  return (
    <Card withBorder data-testid="add-member">
      <Title order={4}>{t('tasks.add.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('tasks.add.hint')}
      </Text>
      <Group align="flex-end" mt="xs">
        <TextInput
          label={t('tasks.add.email')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={m.issueFor('email')}
          w={320}
          data-testid="add-member-email"
        />
        <Select
          label={t('tasks.add.role')}
          value={role}
          onChange={(v) => setRole((v as TaskRole | null) ?? 'member')}
          data={[
            { value: 'member', label: t('tasks.role.member') },
            { value: 'lead', label: t('tasks.role.lead') },
          ]}
          allowDeselect={false}
          w={160}
        />
        <ConfirmWithPreview<MemberChange>
          testId="add-member-submit"
          label={t('tasks.add.submit')}
          title={t('tasks.add.title')}
          color="blue"
          disabled={email.trim() === ''}
          error={m.error}
          loadPreview={() => m.send<MemberChange>('POST', taskMembersUrl(taskId), { email, role, mode: 'preview' })}
          renderPreview={(p) => <MemberChangePreview change={p.change} />}
          reason={{ label: t('tasks.add.reason'), minLength: 2 }}
          confirmLabel={t('tasks.add.confirm')}
          onConfirm={async (reason) => {
            const ok = (await m.send('POST', taskMembersUrl(taskId), { email, role, reason, mode: 'commit' })) !== null;
            if (ok) setEmail('');
            return ok;
          }}
        />
      </Group>
      {m.error && !m.issueFor('email') && (
        <Alert color="red" mt="xs">
          {m.error}
        </Alert>
      )}
    </Card>
  );
}

function RoleButton({ taskId, member }: { taskId: string; member: Member }) {
  const { t } = useTranslation();
  const m = useMutationCall();
  const next: TaskRole = member.role === 'lead' ? 'member' : 'lead';
  const url = `${taskMembersUrl(taskId)}/${encodeURIComponent(member.clusterUsername)}/role`;
  return (
    <ConfirmWithPreview<MemberChange>
      testId={`role-${member.clusterUsername}`}
      label={t(next === 'lead' ? 'tasks.actions.makeLead' : 'tasks.actions.makeMember')}
      title={t('tasks.actions.roleTitle', { name: member.name ?? member.clusterUsername })}
      variant="subtle"
      color="blue"
      error={m.error}
      loadPreview={() => m.send<MemberChange>('PUT', url, { role: next, mode: 'preview' })}
      renderPreview={(p) => <MemberChangePreview change={p.change} />}
      reason={{ label: t('tasks.actions.reason'), minLength: 2 }}
      onConfirm={async (reason) => (await m.send('PUT', url, { role: next, reason, mode: 'commit' })) !== null}
    />
  );
}

function RemoveButton({ taskId, member }: { taskId: string; member: Member }) {
  const { t } = useTranslation();
  const m = useMutationCall();
  const url = `${taskMembersUrl(taskId)}/${encodeURIComponent(member.clusterUsername)}`;
  return (
    <ConfirmWithPreview<MemberChange>
      testId={`remove-${member.clusterUsername}`}
      label={t('tasks.actions.remove')}
      title={t('tasks.actions.removeTitle', { name: member.name ?? member.clusterUsername })}
      variant="subtle"
      error={m.error}
      loadPreview={() => m.send<MemberChange>('DELETE', url, { mode: 'preview' })}
      renderPreview={(p) => <MemberChangePreview change={p.change} />}
      reason={{ label: t('tasks.actions.removeReason'), minLength: 2 }}
      confirmLabel={t('tasks.actions.remove')}
      onConfirm={async (reason) => (await m.send('DELETE', url, { reason, mode: 'commit' })) !== null}
    />
  );
}

/** The task's people as the office manages them, or as a team member reads them (no buttons). */
export function TaskMembersView({ data }: { data: TaskMembers }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack maw={1100}>
      <div>
        <Text c="dimmed" translate="no">
          {data.task.key}
        </Text>
        <Title order={2}>{t('tasks.title', { task: pick(data.task.name, lang) })}</Title>
        {data.task.leadOrganisationName && (
          <Text size="sm" c="dimmed">
            {t('tasks.lead', { name: pick(data.task.leadOrganisationName, lang) })}
          </Text>
        )}
      </div>
      {!data.canManage && <Alert color="blue">{t('tasks.readOnly')}</Alert>}
      <Card withBorder padding={0}>
        <Table striped verticalSpacing="sm" data-testid="task-members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tasks.table.person')}</Table.Th>
              <Table.Th>{t('tasks.table.clusterUsername')}</Table.Th>
              <Table.Th>{t('tasks.table.role')}</Table.Th>
              <Table.Th>{t('tasks.table.organisations')}</Table.Th>
              <Table.Th>{t('tasks.table.added')}</Table.Th>
              {data.canManage && <Table.Th>{t('tasks.table.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.members.map((mem) => (
              <Table.Tr key={mem.clusterUsername} data-testid={`member-${mem.clusterUsername}`}>
                <Table.Td>
                  <Text size="sm">{mem.name ?? t('tasks.noAccount')}</Text>
                  {mem.email && (
                    <Text size="xs" c="dimmed" translate="no">
                      {mem.email}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td translate="no">{mem.clusterUsername}</Table.Td>
                <Table.Td>
                  <Badge color={mem.role === 'lead' ? 'indigo' : 'gray'} variant="light">
                    {t(`tasks.role.${mem.role}`, { defaultValue: mem.role })}
                  </Badge>
                </Table.Td>
                <Table.Td>{mem.organisations.map((o) => pick(o.name, lang)).join(', ') || '—'}</Table.Td>
                <Table.Td>{formatInstant(mem.addedAt, lang)}</Table.Td>
                {data.canManage && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <RoleButton taskId={data.task.id} member={mem} />
                      <RemoveButton taskId={data.task.id} member={mem} />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {data.canManage && (
        <>
          <AddMember taskId={data.task.id} />
          <InviteMember data={data} />
          <PendingInvitations data={data} />
          <Card withBorder data-testid="task-organisations">
            <Title order={4}>{t('tasks.organisations.title')}</Title>
            <Text size="sm" c="dimmed">
              {t(data.organisationsFrom === 'application' ? 'tasks.organisations.fromApplication' : 'tasks.organisations.fromMembers')}
            </Text>
            {data.organisations.length === 0 ? (
              <Text size="sm" mt="xs">
                {t('tasks.organisations.none')}
              </Text>
            ) : (
              <List size="sm" mt="xs">
                {data.organisations.map((o) => (
                  <List.Item key={o.id}>{pick(o.name, lang)}</List.Item>
                ))}
              </List>
            )}
          </Card>
        </>
      )}
      {data.stageEvaluations.length > 0 && (
        <Card withBorder data-testid="task-stage-evaluations">
          <Title order={4}>{t('tasks.stage.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('tasks.stage.hint')}
          </Text>
          {data.stageEvaluations.map((e) => (
            <Anchor
              key={e.id}
              component={Link}
              to={`/stage-evaluations/${e.id}/teams/${encodeURIComponent(data.task.key)}`}
              size="sm"
              data-testid={`team-page-${e.id}`}
            >
              {t('tasks.stage.link', { name: pick(e.name, lang) })}
            </Anchor>
          ))}
        </Card>
      )}
    </Stack>
  );
}

export function TaskMembersPage() {
  const { t } = useTranslation();
  const { taskId = '' } = useParams();
  const { data, isLoading, error } = useTaskMembers(taskId);
  return (
    <Stack>
      <Anchor component={Link} to={`/allocations${data ? `?program=${data.task.programSlug}` : ''}`} size="sm">
        ← {t('tasks.back')}
      </Anchor>
      <QueryState isLoading={isLoading} error={error} />
      {data && <TaskMembersView data={data} />}
    </Stack>
  );
}
