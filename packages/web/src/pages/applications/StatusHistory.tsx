import { Alert, Anchor, Card, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { call } from '../../api/contract-client';
import { formatInstant } from '../../format/time';

type HistoryEvent = ResponseOf<typeof apps.history>['events'][number];

/** The application's steps as stored (submission, eligibility, review, the published result), oldest first. */
export function StatusHistory({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const history = useQuery({
    queryKey: ['applications', applicationId, 'history'],
    queryFn: () => call(apps.history, { params: { id: applicationId } }),
  });
  if (history.error) return <Alert color="red">{t('applications.history.failed')}</Alert>;
  const events = history.data?.events ?? [];
  const line = (e: HistoryEvent): string => {
    switch (e.kind) {
      case 'submitted':
        return t('applications.history.submitted', { receiptNo: e.detail.receiptNo ?? '' });
      case 'eligibility':
        return e.detail.pendingVerification
          ? t('applications.history.eligibilityPending')
          : e.detail.eligible
            ? t('applications.history.eligible')
            : t('applications.history.ineligible');
      case 'eligibility-override':
        return e.detail.eligible ? t('applications.history.overrideEligible') : t('applications.history.overrideIneligible');
      case 'round':
        return t(e.detail.passed ? 'applications.history.roundPassed' : 'applications.history.roundLeft', {
          round: (lang === 'en' ? e.detail.roundEn : e.detail.roundKo) ?? '',
        });
      case 'result':
        return t(`applications.history.result.${e.detail.outcome ?? 'rejected'}`);
      default:
        return t(`applications.history.${e.kind === 'under-review' ? 'underReview' : e.kind}`);
    }
  };
  const reasonText = (r: HistoryEvent['reason']) => (!r ? null : typeof r === 'string' ? r : lang === 'en' ? r.en : r.ko);
  return (
    <Card withBorder data-testid="status-history">
      <Title order={4} mb="sm">
        {t('applications.history.title')}
      </Title>
      <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
        {events.map((e, i) => (
          <Timeline.Item key={i} title={line(e)} data-testid={`history-${e.kind}`}>
            <Text size="xs" c="dimmed">
              {formatInstant(e.at, lang)}
            </Text>
            {e.kind !== 'result' && reasonText(e.reason) && <Text size="sm">{reasonText(e.reason)}</Text>}
            {e.kind === 'result' && e.detail.published && (
              <Anchor component={Link} to={`/review/results/${applicationId}`} size="sm">
                {t('applications.history.openResult')}
              </Anchor>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
