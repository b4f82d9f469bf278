import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useProgram, usePrograms } from '../../api/programs';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { useCalls } from '../applications/api';
import { CallForm } from './CallForm';
import { CallStepPanel } from './CallStepPanel';
import { slotsLabel } from './slots-label';

const stateColor: Record<string, string> = { draft: 'gray', open: 'teal', closed: 'orange', under_review: 'blue', results_published: 'violet' };

/** The office's calls of one program: their state and window in Korea's time, a form to create or edit one, and the open/close steps. */
export function OfficeCallsPage() {
  const { slug: routeSlug } = useParams();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const programs = usePrograms();
  const slug = routeSlug ?? programs.data?.[0]?.slug ?? '';
  const program = useProgram(slug);
  const calls = useCalls();
  const [editing, setEditing] = useState<{ key: string | null } | null>(null);
  const [step, setStep] = useState<{ key: string; action: 'open' | 'close' } | null>(null);
  if (!programs.data || !program.data || !calls.data)
    return <QueryState isLoading={programs.isLoading || program.isLoading || calls.isLoading} error={programs.error ?? program.error ?? calls.error} />;
  const def = program.data.definition;
  const summaries = calls.data.calls.filter((c) => c.program === slug);
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('officeCalls.title')}</Title>
      <Text c="dimmed">{t('officeCalls.intro')}</Text>
      <SegmentedControl
        value={slug}
        onChange={(s) => {
          setEditing(null);
          setStep(null);
          navigate(`/office/program-calls/${s}`);
        }}
        data={programs.data.map((p) => ({ value: p.slug, label: pick(p.shortName, lang) }))}
      />
      <Card withBorder>
        <Table data-testid="office-calls-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('officeCalls.col.call')}</Table.Th>
              <Table.Th>{t('officeCalls.col.state')}</Table.Th>
              <Table.Th>{t('officeCalls.col.opens')}</Table.Th>
              <Table.Th>{t('officeCalls.col.closes')}</Table.Th>
              <Table.Th>{t('officeCalls.col.slots')}</Table.Th>
              <Table.Th>{t('officeCalls.col.briefing')}</Table.Th>
              <Table.Th>{t('officeCalls.col.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {def.calls.map((c) => {
              const s = summaries.find((x) => x.key === c.key);
              const actions = s?.actions ?? [];
              return (
                <Table.Tr key={c.key} data-testid={`office-call-${c.key}`}>
                  <Table.Td>{pick(c.name, lang)}</Table.Td>
                  <Table.Td>
                    <Badge color={stateColor[s?.state ?? 'draft']} data-testid="office-call-state">
                      {s?.stateLabel ? pick(s.stateLabel, lang) : '—'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatInstant(s?.opens ?? c.opens, lang)}</Table.Td>
                  <Table.Td>{formatInstant(s?.closes ?? c.closes, lang)}</Table.Td>
                  <Table.Td data-testid="office-call-slots">
                    {c.taskSlots ? slotsLabel(t, c.taskSlots) : t('officeCalls.slotsProgram', { count: def.taskCount })}
                  </Table.Td>
                  <Table.Td>{c.briefing ? `${formatInstant(c.briefing.at, lang)} · ${pick(c.briefing.place, lang)}` : t('officeCalls.noBriefing')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => {
                          setStep(null);
                          setEditing({ key: c.key });
                        }}
                      >
                        {t('officeCalls.edit')}
                      </Button>
                      {(['open', 'close'] as const)
                        .filter((a) => actions.includes(a))
                        .map((a) => (
                          <Button
                            key={a}
                            size="xs"
                            variant="outline"
                            color={a === 'close' ? 'orange' : 'teal'}
                            data-testid={`call-${a}`}
                            onClick={() => {
                              setEditing(null);
                              setStep({ key: c.key, action: a });
                            }}
                          >
                            {t(`officeCalls.action.${a}`)}
                          </Button>
                        ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {def.calls.length === 0 && <Alert color="gray">{t('officeCalls.none')}</Alert>}
        <Group mt="sm">
          <Button
            onClick={() => {
              setStep(null);
              setEditing({ key: null });
            }}
            data-testid="new-call"
          >
            {t('officeCalls.new')}
          </Button>
        </Group>
      </Card>
      {step && <CallStepPanel key={`${step.key}-${step.action}`} program={slug} call={step.key} action={step.action} onDone={() => setStep(null)} />}
      {editing && (
        <CallForm
          key={`${slug}-${editing.key ?? 'new'}-${program.data.revision}`}
          slug={slug}
          program={def}
          revision={program.data.revision}
          callKey={editing.key}
          onDone={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
