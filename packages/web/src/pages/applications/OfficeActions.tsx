import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { call } from '../../api/contract-client';
import type { ApplicationDetail } from './api';
import { seoulInputToIso } from '../office-calls/seoul-input';
import { issuesOf } from './issues';
import { issuesText } from '../../api/issue-text';

/** The program office's two interventions, each with a written reason (audited): override the verdict, reopen. */
export function OfficeActions({ detail, onDone }: { detail: ApplicationDetail; onDone: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const app = detail.application;
  const [eligible, setEligible] = useState(app.eligibilityOverride ? String(app.eligibilityOverride.eligible) : 'true');
  const [overrideReason, setOverrideReason] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [until, setUntil] = useState('');
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setMessage({ color: 'teal', text: done });
      await qc.invalidateQueries({ queryKey: ['application', app.id] });
      await qc.invalidateQueries({ queryKey: ['call-table'] });
      await onDone();
    } catch (e) {
      setMessage({ color: 'red', text: issuesText(issuesOf(e), i18n) });
    }
  };
  return (
    <Card withBorder padding="lg" data-testid="office-actions">
      <Stack>
        <Title order={4}>{t('applications.office.actions')}</Title>
        {message && <Alert color={message.color}>{message.text}</Alert>}
        <Group align="flex-start" grow>
          {detail.permissions.overrideEligibility && (
            <Stack gap="xs">
              <Text fw={600}>{t('applications.office.override')}</Text>
              <SegmentedControl
                value={eligible}
                onChange={setEligible}
                data={[
                  { value: 'true', label: t('applications.verdict.eligible') },
                  { value: 'false', label: t('applications.verdict.ineligible') },
                ]}
              />
              <Textarea
                label={t('applications.office.reason')}
                withAsterisk
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.currentTarget.value)}
              />
              <Button
                variant="light"
                disabled={!overrideReason.trim()}
                onClick={() =>
                  run(
                    () => call(apps.overrideEligibility, { params: { id: app.id }, body: { eligible: eligible === 'true', reason: overrideReason } }),
                    t('applications.office.overridden'),
                  )
                }
              >
                {t('applications.office.applyOverride')}
              </Button>
            </Stack>
          )}
          {detail.permissions.reopen && (
            <Stack gap="xs">
              <Text fw={600}>{t('applications.office.reopen')}</Text>
              <Text size="sm" c="dimmed">
                {t('applications.office.reopenHelp')}
              </Text>
              <Textarea label={t('applications.office.reason')} withAsterisk value={reopenReason} onChange={(e) => setReopenReason(e.currentTarget.value)} />
              <TextInput
                type="datetime-local"
                label={t('applications.office.extendUntil')}
                description={t('applications.office.extendUntilHelp')}
                value={until}
                onChange={(e) => setUntil(e.currentTarget.value)}
              />
              <Button
                variant="light"
                color="orange"
                disabled={!reopenReason.trim()}
                onClick={() =>
                  run(
                    // the office types Korea time; sent with Seoul's offset
                    () =>
                      call(apps.reopen, {
                        params: { id: app.id },
                        body: { reason: reopenReason, ...(until ? { extendedUntil: seoulInputToIso(until) } : {}) },
                      }),
                    t('applications.office.reopened'),
                  )
                }
              >
                {t('applications.office.reopen')}
              </Button>
            </Stack>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
