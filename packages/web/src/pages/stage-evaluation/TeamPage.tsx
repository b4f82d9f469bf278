import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { stageEvaluationsContract as c, useMyTeams, useTeamView, type AppealPreview, type TeamView } from './api';
import { pathOf } from '../../api/contract-client';
import { OutcomeBadge, StatusBadge } from './parts';
import { useMutationCall } from '../../api/use-mutation-call';

const ORIGINALITY_ITEMS = ['architecture', 'data', 'weightInit'];

function Declaration({ view, gate }: { view: TeamView; gate: TeamView['gates'][number] }) {
  const { t } = useTranslation();
  const { send, error, busy, issueFor } = useMutationCall();
  const [items, setItems] = useState<Record<string, boolean>>(gate.declaration?.items ?? Object.fromEntries(ORIGINALITY_ITEMS.map((k) => [k, false])));
  const [statement, setStatement] = useState(gate.declaration?.statement ?? '');
  const [evidence, setEvidence] = useState(gate.evidence.map((e) => `${e.label} | ${e.url}`).join('\n'));
  const submit = () =>
    send('PUT', pathOf(c.declaration, { params: { id: view.evaluation.id, team: view.team.key, gate: gate.gate.key } }), {
      items,
      statement,
      evidence: evidence
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          const [label, url] = l.split('|').map((s) => s.trim());
          return { label: label ?? '', url: url ?? '' };
        }),
      mode: 'commit',
    });
  return (
    <Stack gap="xs" mt="xs">
      <Group>
        {Object.keys(items).map((k) => (
          <Checkbox
            key={k}
            label={t(`stageEvaluation.gates.item.${k}`, { defaultValue: k })}
            checked={items[k]}
            onChange={(e) => setItems({ ...items, [k]: e.currentTarget.checked })}
          />
        ))}
      </Group>
      <Textarea
        label={t('stageEvaluation.teamPage.statement')}
        value={statement}
        onChange={(e) => setStatement(e.currentTarget.value)}
        error={issueFor('statement')}
      />
      <Textarea
        label={t('stageEvaluation.teamPage.evidence')}
        description={t('stageEvaluation.teamPage.evidenceHint')}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        error={issueFor('evidence')}
      />
      {error && <Alert color="red">{error}</Alert>}
      <Button w="fit-content" onClick={submit} loading={busy}>
        {t('stageEvaluation.teamPage.saveDeclaration')}
      </Button>
    </Stack>
  );
}

/** A team member appeals: the click previews (the window's end is checked by the server), the dialog confirms. */
function Appeal({ view }: { view: TeamView }) {
  const { t, i18n } = useTranslation();
  const { send, error, issueFor } = useMutationCall();
  const [grounds, setGrounds] = useState('');
  const [filed, setFiled] = useState(false);
  const url = pathOf(c.fileAppeal, { params: { id: view.evaluation.id } });
  return (
    <Stack gap="xs" data-testid="appeal-form">
      <Textarea
        label={t('stageEvaluation.teamPage.grounds')}
        value={grounds}
        onChange={(e) => setGrounds(e.currentTarget.value)}
        error={issueFor('grounds') ?? issueFor('filedAt')}
      />
      {error && !issueFor('grounds') && !issueFor('filedAt') && <Alert color="red">{error}</Alert>}
      {filed && <Alert color="green">{t('stageEvaluation.teamPage.appealFiled')}</Alert>}
      <ConfirmWithPreview<AppealPreview>
        testId="file-appeal"
        label={t('stageEvaluation.teamPage.fileAppeal')}
        title={t('tasks.appeal.title', { team: pick(view.team.name, i18n.language) })}
        color="blue"
        error={error}
        loadPreview={() => send<AppealPreview>('POST', url, { team: view.team.key, grounds, mode: 'preview' })}
        renderPreview={(p) => (
          <Stack gap={4}>
            <Text size="sm">{t('tasks.appeal.grounds')}</Text>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {grounds.trim()}
            </Text>
            <Text size="sm" data-testid="appeal-closes">
              {t('tasks.appeal.closes', { at: formatInstant(p.closesAt, i18n.language) })}
            </Text>
          </Stack>
        )}
        confirmLabel={t('stageEvaluation.teamPage.fileAppeal')}
        onConfirm={async () => {
          const ok = (await send('POST', url, { team: view.team.key, grounds, mode: 'commit' })) !== null;
          setFiled(ok);
          return ok;
        }}
      />
    </Stack>
  );
}

/** A team member's page: their declarations, the panel's rulings, their result and outcome, their appeals. */
export function TeamPage() {
  const { id = '', team = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: view, isLoading, error } = useTeamView(id, team);
  if (!view) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={1000}>
      <Text c="dimmed">{pick(view.evaluation.name, lang)}</Text>
      <Group>
        <Title order={2}>{pick(view.team.name, lang)}</Title>
        <StatusBadge status={view.evaluation.status} />
      </Group>
      {view.outcome && view.result && (
        <Card withBorder data-testid="team-outcome">
          <Group>
            <OutcomeBadge outcome={view.outcome.outcome} />
            <Text fw={600}>{t('stageEvaluation.pointsN', { n: view.result.total })}</Text>
            <Text>{t('stageEvaluation.rankN', { n: view.outcome.rank })}</Text>
          </Group>
          {view.outcome.reasons.map((r, i) => (
            <Text key={i} size="sm">
              {pick(r, lang)}
            </Text>
          ))}
          {view.appealClosesAt && (
            <Text size="sm" mt="xs">
              {t('stageEvaluation.appealCloses', { at: formatInstant(view.appealClosesAt, lang) })}
            </Text>
          )}
        </Card>
      )}
      {view.gates.map((g) => (
        <Card withBorder key={g.gate.key}>
          <Group justify="space-between">
            <Title order={4}>{t('stageEvaluation.gateLabel', { name: pick(g.gate.name, lang) })}</Title>
            <Badge color={g.passed === false ? 'red' : g.passed ? 'teal' : 'gray'}>
              {t(`stageEvaluation.gate.${g.passed === null ? 'pending' : g.passed ? 'passed' : 'failed'}`)}
            </Badge>
          </Group>
          <Text size="sm">{pick(g.gate.description, lang)}</Text>
          {g.reason && (
            <Text size="sm" mt="xs">
              {t('stageEvaluation.gates.reason')}: {pick(g.reason, lang)}
            </Text>
          )}
          {view.evaluation.status === 'open' ? (
            <Declaration view={view} gate={g} />
          ) : (
            g.declaration && (
              <Text size="sm" mt="xs">
                {g.declaration.statement}
              </Text>
            )
          )}
        </Card>
      ))}
      {view.goals.length > 0 && (
        <Card withBorder>
          <Title order={4}>{t('stageEvaluation.teamPage.goals')}</Title>
          <Table>
            <Table.Tbody>
              {view.goals.map((g, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{g.goal}</Table.Td>
                  <Table.Td>{g.met === null ? '—' : g.met ? t('stageEvaluation.teamPage.met') : t('stageEvaluation.teamPage.notMet')}</Table.Td>
                  <Table.Td>{g.evidence}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {view.evaluation.status !== 'open' && (
        <Card withBorder>
          <Title order={4}>{t('stageEvaluation.teamPage.appeals')}</Title>
          {view.appeals.map((a) => (
            <Text key={a.id} size="sm" mt="xs">
              {formatInstant(a.filedAt, lang)} — {t(`stageEvaluation.appeals.status.${a.status}`)}: {a.grounds} {a.resolution ? `→ ${a.resolution}` : ''}
            </Text>
          ))}
          <Appeal view={view} />
        </Card>
      )}
    </Stack>
  );
}

export function MyTeamsPage() {
  const { t, i18n } = useTranslation();
  const { data, isLoading, error } = useMyTeams();
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={900}>
      <Title order={2}>{t('stageEvaluation.mine.title')}</Title>
      {data.length === 0 && <Text c="dimmed">{t('stageEvaluation.mine.none')}</Text>}
      {data.map((x) => (
        <Anchor key={`${x.evaluationId}/${x.taskKey}`} component={Link} to={`/stage-evaluations/${x.evaluationId}/teams/${x.taskKey}`}>
          {pick(x.name, i18n.language)} — {pick(x.taskName, i18n.language)}
        </Anchor>
      ))}
    </Stack>
  );
}
