import { Group, List, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { organisationsContract as orgs } from '@stagegate/core/contract/organisations';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { formatInstant } from '../../format/time';

type Detail = ResponseOf<typeof orgs.get>;
type Offer = ResponseOf<typeof orgs.addMember>['offer'];
type Role = 'member' | 'admin';

/** What the admin's offer will do, from the server's preview: an offer to accept, a role change, or nothing. */
function OfferPreview({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const role = t(`applications.org.roles.${offer.role}`);
  // a member is named; an address that has not joined is shown as the address only
  const who = { name: offer.name ?? offer.email, email: offer.email, role };
  if (offer.change === 'offer') return <Text size="sm">{t('applications.org.offer.offer', who)}</Text>;
  if (offer.change === 'role')
    return <Text size="sm">{t('applications.org.offer.role', { ...who, from: t(`applications.org.roles.${offer.currentRole ?? 'member'}`) })}</Text>;
  return <Text size="sm">{t(offer.currentRole ? 'applications.org.offer.sameRole' : 'applications.org.offer.samePending', who)}</Text>;
}

/**
 * The organisation's members, the offers nobody has answered yet, and (for its admins) a new offer:
 * previewed, then sent; the person becomes a member only by accepting on their invitations page.
 */
export function OrganisationMembers({ id, data }: { id: string; data: Detail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const m = useMutationCall();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const url = `/api/v1/organisations/${id}/members`;
  return (
    <Stack>
      <Title order={5}>{t('applications.org.members')}</Title>
      <Table striped data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('applications.org.memberName')}</Table.Th>
            <Table.Th>{t('applications.org.email')}</Table.Th>
            <Table.Th>{t('applications.org.memberRole')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.members.map((member) => (
            <Table.Tr key={member.userId}>
              <Table.Td>{member.name}</Table.Td>
              <Table.Td>{member.email}</Table.Td>
              <Table.Td>{t(`applications.org.roles.${member.role}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.offers.length > 0 && (
        <Stack gap={4} data-testid="pending-offers">
          <Text fw={600} size="sm">
            {t('applications.org.offers')}
          </Text>
          <List size="sm">
            {data.offers.map((o) => (
              <List.Item key={o.email}>
                {o.email} · {t(`applications.org.roles.${o.role}`)} · {t('applications.org.offeredAt')} {formatInstant(String(o.createdAt), i18n.language)}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {data.myRole === 'admin' && (
        <Group align="flex-end">
          <TextInput
            label={t('applications.org.addMemberEmail')}
            type="email"
            value={email}
            error={m.issueFor('email')}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              m.clear();
            }}
            style={{ flex: '1 1 220px' }}
          />
          <Select
            label={t('applications.org.memberRole')}
            data={[
              { value: 'member', label: t('applications.org.roles.member') },
              { value: 'admin', label: t('applications.org.roles.admin') },
            ]}
            value={role}
            onChange={(v) => setRole((v as Role) ?? 'member')}
            allowDeselect={false}
            w={140}
          />
          <ConfirmWithPreview<{ offer: Offer }>
            testId="offer-membership"
            label={t('applications.org.addMember')}
            title={t('applications.org.offerTitle')}
            variant="light"
            disabled={!email.trim()}
            error={m.error}
            loadPreview={() => m.send<{ offer: Offer }>('POST', url, { email, role, mode: 'preview' })}
            renderPreview={(p) => <OfferPreview offer={p.offer} />}
            confirmLabel={t('applications.org.confirmOffer')}
            onConfirm={async () => {
              const done = (await m.send('POST', url, { email, role, mode: 'commit' })) !== null;
              if (done) {
                setEmail('');
                await qc.invalidateQueries({ queryKey: ['organisations', id] });
              }
              return done;
            }}
          />
        </Group>
      )}
    </Stack>
  );
}
