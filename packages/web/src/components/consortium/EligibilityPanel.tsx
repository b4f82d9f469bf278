import { Alert, Badge, Card, Group, List, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-text';
import type { EligibilityAnswer, EligibilityOverride, Verdict } from '../../pages/applications/api';
import { formatInstant, pick } from '../../format/time';
import { issueText } from '../../api/issue-text';

function OverrideNote({ override }: { override: EligibilityOverride }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color={override.eligible ? 'teal' : 'orange'} title={t('applications.verdict.overridden')} data-testid="eligibility-override">
      <Text size="sm">
        {override.eligible ? t('applications.verdict.eligible') : t('applications.verdict.ineligible')} — {override.reason}
      </Text>
      <Text size="xs" c="dimmed">
        {override.byLabel} · {formatInstant(override.at, i18n.language)}
      </Text>
    </Alert>
  );
}

/** Every rule of the program with its outcome, message and the members that failed it — not only the first failure. */
export function VerdictRules({ verdict }: { verdict: Verdict }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      {verdict.rules.map((r) => (
        <Group key={r.id} wrap="nowrap" align="flex-start" gap="sm" data-testid={`rule-${r.id}`} data-passed={String(r.passed)}>
          <ThemeIcon
            size="sm"
            radius="xl"
            color={r.passed ? 'teal' : 'red'}
            aria-label={r.passed ? t('applications.verdict.pass') : t('applications.verdict.fail')}
          >
            <Text size="xs" fw={700} c="white">
              {r.passed ? '✓' : '✕'}
            </Text>
          </ThemeIcon>
          <Stack gap={2} style={{ flex: 1 }}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {t(`applications.ruleKind.${r.kind}`)}
              </Text>
              <Badge size="xs" variant="light" color={r.passed ? 'teal' : 'red'}>
                {r.passed ? t('applications.verdict.pass') : t('applications.verdict.fail')}
              </Badge>
            </Group>
            <Text size="sm" c={r.passed ? 'dimmed' : undefined}>
              {pick(r.message, i18n.language)}
            </Text>
            {(r.pending ?? []).length > 0 && (
              <Badge size="xs" color="yellow" variant="light" data-testid={`rule-pending-${r.id}`}>
                {t('applications.verdict.pending', { names: (r.pending ?? []).join(', ') })}
              </Badge>
            )}
            {r.members.length > 0 && (
              <Group gap={4}>
                {r.members.map((m) => (
                  <Badge key={m} size="sm" color="red" variant="outline">
                    {m}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

/** The verdict panel beside the consortium builder. */
export function EligibilityPanel({
  answer,
  checking,
  error,
  title,
}: {
  answer: EligibilityAnswer | null;
  checking?: boolean;
  error?: Error | null;
  title?: string;
}) {
  const { t, i18n } = useTranslation();
  const verdict = answer?.verdict ?? null;
  return (
    <Card withBorder padding="md" data-testid="eligibility-panel">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title ?? t('applications.verdict.title')}</Title>
        <Group gap="xs">
          {checking && <Loader size="xs" aria-label={t('applications.verdict.checking')} />}
          {verdict && (
            <Badge size="lg" color={verdict.eligible ? 'teal' : 'red'} data-testid="verdict-badge">
              {verdict.eligible ? t('applications.verdict.eligible') : t('applications.verdict.ineligible')}
            </Badge>
          )}
        </Group>
      </Group>
      {error && <Alert color="red">{t('common.error', { message: errorText(error, i18n) })}</Alert>}
      {answer?.override && <OverrideNote override={answer.override} />}
      {!verdict && answer && answer.issues.length > 0 && (
        <Alert color="yellow" title={t('applications.verdict.incomplete')} data-testid="consortium-issues">
          <List size="sm">
            {answer.issues.map((i) => (
              <List.Item key={i.field}>{issueText(i, i18n)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {verdict?.pendingVerification && (
        <Alert color="yellow" title={t('applications.verdict.pendingTitle')} mb="sm" data-testid="pending-verification">
          <Text size="sm">{pick(verdict.pendingVerification.message, i18n.language)}</Text>
        </Alert>
      )}
      {verdict && <VerdictRules verdict={verdict} />}
      {!answer && !error && <Text c="dimmed">{t('applications.verdict.waiting')}</Text>}
      <Text size="xs" c="dimmed" mt="sm">
        {t('applications.verdict.note')}
      </Text>
    </Card>
  );
}
