import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDirectory, type ConsortiumDraft, type MemberDraft } from '../../pages/applications/api';
import { roleOptions } from './options';
import { emptyMember } from './consortium-draft';

interface RowProps {
  member: MemberDraft;
  at: string;
  label: string;
  isLead: boolean;
  readOnly?: boolean;
  errors: Record<string, string>;
  onChange: (m: MemberDraft) => void;
  onRemove?: () => void;
}

/** Picks a registered organisation: the registry's facts come with it; nothing about it is typed. */
function OrganisationPicker({
  member,
  label,
  error,
  onPick,
}: {
  member: MemberDraft;
  label: string;
  error?: string;
  onPick: (m: Partial<MemberDraft>) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const directory = useDirectory(q);
  const entries = directory.data?.organisations ?? [];
  const data = [
    ...(member.organisationId && !entries.some((e) => e.id === member.organisationId) ? [{ value: member.organisationId, label: member.name }] : []),
    ...entries.map((e) => ({ value: e.id, label: `${e.nameKo} (${e.nameEn})` })),
  ];
  return (
    <Select
      aria-label={`${label} ${t('applications.consortium.name')}`}
      data={data}
      value={member.organisationId || null}
      searchable
      searchValue={q || undefined}
      onSearchChange={setQ}
      placeholder={t('applications.consortium.pickOrganisation')}
      nothingFoundMessage={t('applications.consortium.noOrganisationFound')}
      error={error}
      onChange={(id) => {
        const e = entries.find((x) => x.id === id);
        if (e) onPick({ organisationId: e.id, name: e.nameKo, type: e.type, country: e.country, registrationNo: '', verified: e.verified });
      }}
      allowDeselect={false}
    />
  );
}

function MemberRow({ member, at, label, isLead, readOnly, errors, onChange, onRemove }: RowProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<MemberDraft>) => onChange({ ...member, ...patch });
  const rowError = errors[at];
  const picked = !!member.organisationId || isLead;
  return (
    <Table.Tr data-testid={`member-${at}`}>
      <Table.Td w={84}>
        <Badge variant={isLead ? 'filled' : 'light'} style={{ overflow: 'visible' }}>
          {isLead ? t('applications.consortium.leadShort') : t('applications.consortium.participantShort')}
        </Badge>
        {rowError && (
          <Text size="xs" c="red" mt={4}>
            {rowError}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={220}>
        {isLead || readOnly ? (
          <Text size="sm">{member.name}</Text>
        ) : (
          <OrganisationPicker member={member} label={label} error={errors[`${at}.organisationId`]} onPick={set} />
        )}
      </Table.Td>
      <Table.Td miw={110}>
        <Text size="sm">{member.type ? t(`applications.orgType.${member.type}`) : '–'}</Text>
      </Table.Td>
      <Table.Td miw={60}>
        <Text size="sm">{member.country || '–'}</Text>
      </Table.Td>
      <Table.Td miw={120}>
        {picked && (
          <Badge size="sm" color={member.verified ? 'teal' : 'yellow'} variant="light" data-testid={`verification-${at}`}>
            {member.verified ? t('applications.consortium.verified') : t('applications.consortium.pendingVerification')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td miw={140}>
        <Select
          aria-label={`${label} ${t('applications.consortium.role')}`}
          data={roleOptions(t)}
          value={member.role || null}
          readOnly={readOnly}
          clearable={!readOnly}
          placeholder={t('applications.consortium.noRole')}
          error={errors[`${at}.role`]}
          onChange={(v) => set({ role: v ?? '' })}
        />
      </Table.Td>
      <Table.Td miw={220}>
        {readOnly ? (
          <Text size="sm">{member.purpose || '–'}</Text>
        ) : (
          <TextInput
            aria-label={`${label} ${t('applications.consortium.purpose')}`}
            value={member.purpose}
            maxLength={500}
            placeholder={t('applications.consortium.purposePlaceholder')}
            error={errors[`${at}.purpose`]}
            onChange={(e) => set({ purpose: e.currentTarget.value })}
          />
        )}
      </Table.Td>
      <Table.Td>
        {onRemove && !readOnly && (
          <ActionIcon variant="subtle" color="red" aria-label={`${label} ${t('applications.consortium.remove')}`} onClick={onRemove}>
            ✕
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * One lead institution (주관기관, the applying organisation) and any participants (참여기관), each
 * an organisation record picked from the registry with its verification shown. Errors arrive keyed
 * as the API names them (`participants[1].organisationId`, `participants[1]` for a duplicate).
 */
export function ConsortiumBuilder({
  value,
  onChange,
  errors = {},
  readOnly,
}: {
  value: ConsortiumDraft;
  onChange?: (v: ConsortiumDraft) => void;
  errors?: Record<string, string>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const update = (v: ConsortiumDraft) => onChange?.(v);
  return (
    <Card withBorder padding="md" data-testid="consortium-builder">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('applications.consortium.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('applications.consortium.count', { count: 1 + value.participants.length })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={1080}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('applications.consortium.position')}</Table.Th>
              <Table.Th>{t('applications.consortium.name')}</Table.Th>
              <Table.Th>{t('applications.consortium.type')}</Table.Th>
              <Table.Th>{t('applications.consortium.country')}</Table.Th>
              <Table.Th>{t('applications.consortium.verification')}</Table.Th>
              <Table.Th>{t('applications.consortium.role')}</Table.Th>
              <Table.Th>{t('applications.consortium.purpose')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <MemberRow
              member={value.lead}
              at="lead"
              label={t('applications.consortium.lead')}
              isLead
              readOnly={readOnly}
              errors={errors}
              onChange={(lead) => update({ ...value, lead })}
            />
            {value.participants.map((p, i) => (
              <MemberRow
                key={i}
                member={p}
                at={`participants[${i}]`}
                label={t('applications.consortium.participantN', { n: i + 1 })}
                isLead={false}
                readOnly={readOnly}
                errors={errors}
                onChange={(m) => update({ ...value, participants: value.participants.map((x, j) => (j === i ? m : x)) })}
                onRemove={() => update({ ...value, participants: value.participants.filter((_, j) => j !== i) })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!readOnly && (
        <Group mt="sm">
          <Button variant="light" onClick={() => update({ ...value, participants: [...value.participants, emptyMember()] })}>
            {t('applications.consortium.add')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
