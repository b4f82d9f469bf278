import { Alert, Button, Card, Checkbox, Group, NumberInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/contract-client';
import { reviewContract, useRefreshReview, type Overview } from './api';
import { fieldError, Issues } from './errors';
import { keptInBothLanguages } from '../../i18n/both-languages';

/** Blind review, conflict window, aggregation and the rounds with their weights. */
export function SettingsPanel({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshReview();
  const [form, setForm] = useState({
    blind: overview.config.blind,
    conflictYears: overview.config.conflictYears,
    aggregation: overview.config.aggregation,
    rounds: overview.rounds.map((r) => ({ key: r.key, name: r.name, weight: r.weight, reviewsPerProposal: r.reviewsPerProposal })),
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const err = (f: string) => fieldError(error, f, i18n.language);
  const setRound = (i: number, patch: Partial<(typeof form.rounds)[number]>) =>
    setForm({ ...form, rounds: form.rounds.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await call(reviewContract.config, {
        params: { program: overview.program, call: overview.call },
        body: { ...form, expectedRevision: overview.config.revision },
      });
      setSaved(true);
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card withBorder padding="md" maw={900}>
      <Stack>
        <Checkbox label={t('review.settings.blind')} checked={form.blind} onChange={(e) => setForm({ ...form, blind: e.currentTarget.checked })} />
        <NumberInput
          label={t('review.settings.conflictYears')}
          value={form.conflictYears}
          min={0}
          max={30}
          w={260}
          onChange={(v) => setForm({ ...form, conflictYears: Number(v) })}
          error={err('conflictYears')}
        />
        <Group align="flex-end">
          <Select
            label={t('review.settings.method')}
            data={[
              { value: 'mean', label: t('review.settings.mean') },
              { value: 'trimmed', label: t('review.settings.trimmed') },
            ]}
            value={form.aggregation.method}
            onChange={(v) => setForm({ ...form, aggregation: { ...form.aggregation, method: (v as 'mean' | 'trimmed') ?? 'mean' } })}
            allowDeselect={false}
            w={260}
          />
          <NumberInput
            label={t('review.settings.trimMin')}
            value={form.aggregation.trimMinReviewers}
            min={3}
            w={220}
            onChange={(v) => setForm({ ...form, aggregation: { ...form.aggregation, trimMinReviewers: Number(v) } })}
            error={err('aggregation.trimMinReviewers')}
          />
          <Checkbox
            label={t('review.settings.zScore')}
            checked={form.aggregation.zScore}
            onChange={(e) => setForm({ ...form, aggregation: { ...form.aggregation, zScore: e.currentTarget.checked } })}
            mb={8}
          />
        </Group>
        <Title order={5}>{t('review.settings.rounds')}</Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.settings.key')}</Table.Th>
              <Table.Th>{t('review.settings.nameKo')}</Table.Th>
              <Table.Th>{t('review.settings.nameEn')}</Table.Th>
              <Table.Th>{t('review.settings.weight')}</Table.Th>
              <Table.Th>{t('review.settings.reviews')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {form.rounds.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput size="xs" value={r.key} onChange={(e) => setRound(i, { key: e.currentTarget.value })} error={err(`rounds.${i}.key`)} />
                </Table.Td>
                <Table.Td>
                  <TextInput size="xs" value={r.name.ko} onChange={(e) => setRound(i, { name: { ...r.name, ko: e.currentTarget.value } })} />
                </Table.Td>
                <Table.Td>
                  <TextInput size="xs" value={r.name.en} onChange={(e) => setRound(i, { name: { ...r.name, en: e.currentTarget.value } })} />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={90}
                    value={r.weight}
                    min={0}
                    step={0.1}
                    decimalScale={3}
                    onChange={(v) => setRound(i, { weight: Number(v) })}
                    error={err(`rounds.${i}.weight`)}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={90}
                    value={r.reviewsPerProposal}
                    min={1}
                    onChange={(v) => setRound(i, { reviewsPerProposal: Number(v) })}
                    error={err(`rounds.${i}.reviewsPerProposal`)}
                  />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setForm({ ...form, rounds: form.rounds.filter((_, j) => j !== i) })}>
                    {t('review.settings.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button
            variant="default"
            onClick={() =>
              keptInBothLanguages(i18n, 'review.settings.newRoundName').then(
                // onto the form as it is then: an edit made while the English messages came is kept
                (name) => setForm((f) => ({ ...f, rounds: [...f.rounds, { key: 'presentation', name, weight: 0.4, reviewsPerProposal: 3 }] })),
                setError,
              )
            }
          >
            {t('review.settings.addRound')}
          </Button>
          <Button onClick={save}>{t('review.settings.save')}</Button>
        </Group>
        <Issues error={error} />
        {saved && <Alert color="green">{t('review.common.saved')}</Alert>}
      </Stack>
    </Card>
  );
}
