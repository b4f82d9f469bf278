import { ActionIcon, Badge, Button, Card, Group, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsortiumDraft, MemberDraft } from '../../pages/applications/api';
import { countryOptions, organisationTypeOptions, roleOptions } from './options';
import { emptyMember } from './consortium-draft';
import { RegistrationNumberInput } from './RegistrationNumberInput';

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

function MemberRow({ member, at, label, isLead, readOnly, errors, onChange, onRemove }: RowProps) {
  const { t, i18n } = useTranslation();
  const set = (patch: Partial<MemberDraft>) => onChange({ ...member, ...patch });
  const rowError = errors[at];
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
      <Table.Td miw={180}>
        <TextInput aria-label={`${label} ${t('applications.consortium.name')}`} value={member.name} readOnly={readOnly} error={errors[`${at}.name`]} onChange={(e) => set({ name: e.currentTarget.value })} />
      </Table.Td>
      <Table.Td miw={130}>
        <Select
          aria-label={`${label} ${t('applications.consortium.type')}`}
          data={organisationTypeOptions(t)}
          value={member.type || null}
          readOnly={readOnly}
          placeholder={t('applications.consortium.choose')}
          error={errors[`${at}.type`]}
          onChange={(v) => set({ type: (v ?? '') as MemberDraft['type'] })}
          allowDeselect={false}
        />
      </Table.Td>
      <Table.Td miw={150}>
        <Select
          aria-label={`${label} ${t('applications.consortium.country')}`}
          data={countryOptions(i18n.language, member.country)}
          value={member.country || null}
          searchable
          readOnly={readOnly}
          error={errors[`${at}.country`]}
          onChange={(v) => set({ country: v ?? '' })}
          allowDeselect={false}
        />
      </Table.Td>
      <Table.Td miw={140}>
        <RegistrationNumberInput aria-label={`${label} ${t('applications.consortium.registrationNo')}`} value={member.registrationNo} readOnly={readOnly} serverError={errors[`${at}.registrationNo`]} onChange={(v) => set({ registrationNo: v })} />
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
 * One lead institution (주관기관) and any participants (참여기관). Errors arrive keyed as the API
 * names them (`lead.name`, `participants[1].type`, `participants[1]` for a duplicate).
 */
export function ConsortiumBuilder({ value, onChange, errors = {}, readOnly }: { value: ConsortiumDraft; onChange?: (v: ConsortiumDraft) => void; errors?: Record<string, string>; readOnly?: boolean }) {
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
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('applications.consortium.position')}</Table.Th>
              <Table.Th>{t('applications.consortium.name')}</Table.Th>
              <Table.Th>{t('applications.consortium.type')}</Table.Th>
              <Table.Th>{t('applications.consortium.country')}</Table.Th>
              <Table.Th>{t('applications.consortium.registrationNo')}</Table.Th>
              <Table.Th>{t('applications.consortium.role')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <MemberRow member={value.lead} at="lead" label={t('applications.consortium.lead')} isLead readOnly={readOnly} errors={errors} onChange={(lead) => update({ ...value, lead })} />
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
