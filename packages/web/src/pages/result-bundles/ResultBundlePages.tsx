import { Anchor, Badge, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { formatInstant, pick } from '../../format/time';
import { useResultBundles, type ResultBundleSummary } from './api';

/** One published bundle: where to get it, its hash and signature, and the one line that verifies it. */
function BundleCard({ b }: { b: ResultBundleSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card withBorder data-testid={`bundle-${b.id}`}>
      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light">{t(`resultBundles.kind.${b.kind}`)}</Badge>
          <Text fw={600}>{pick(b.name, lang)}</Text>
          <Text c="dimmed" size="sm">
            {t('resultBundles.edition', { n: b.edition })} · {formatInstant(b.publishedAt, lang)}
          </Text>
        </Group>
        {b.replaces && (
          <Text size="sm" c="orange">
            {lang === 'en' && b.replaces.reason
              ? t('resultBundles.replacesWhy', { reason: b.replaces.reason })
              : t('resultBundles.replaces', { n: b.edition - 1 })}
          </Text>
        )}
        <Group gap="md">
          <Anchor href={b.links.zip}>{t('resultBundles.download')}</Anchor>
          <Anchor href={b.links.manifest}>{t('resultBundles.manifest')}</Anchor>
          <Anchor href={b.links.signature}>{t('resultBundles.signature')}</Anchor>
        </Group>
        <Text size="sm">
          {t('resultBundles.manifestHash')}: <Code translate="no">{b.manifestSha256}</Code>
        </Text>
        <Text size="sm" style={{ wordBreak: 'break-all' }}>
          {t('resultBundles.signature')}: <Code translate="no">{b.signature}</Code>
        </Text>
        <Text size="sm">{t('resultBundles.auditHead', { seq: b.auditHead.seq })}</Text>
        <Text size="sm">{t('resultBundles.howTo')}</Text>
        <Code block translate="no">
          {b.verifyCommand}
        </Code>
        {b.private.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('resultBundles.private')}
            </Text>
            {b.private.map((p) => (
              <Text size="sm" key={p.sha256}>
                {pick(p.what, lang)} ({t('resultBundles.items', { n: p.items })}): <Code translate="no">{p.sha256}</Code>
              </Text>
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The public list of every published result's signed bundle, with the office's public key. */
export function ResultBundlesPage() {
  const { t } = useTranslation();
  const { data, isLoading, error } = useResultBundles();
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('resultBundles.title')}</Title>
      <Text c="dimmed">{t('resultBundles.intro')}</Text>
      <Card withBorder>
        <Text fw={600}>{t('resultBundles.officeKey')}</Text>
        <Text size="sm">
          {t('resultBundles.keyId')}:{' '}
          <Code translate="no" data-testid="office-key-id">
            {data.signingKey.keyId}
          </Code>
        </Text>
        <Code block translate="no">
          {data.signingKey.publicKey}
        </Code>
      </Card>
      {data.bundles.length === 0 ? <Text>{t('resultBundles.none')}</Text> : data.bundles.map((b) => <BundleCard key={b.id} b={b} />)}
    </Stack>
  );
}

/** The bundle of one published result, for that result's own page; nothing while none is published. */
export function ResultBundleCard({ kind, subjectId }: { kind: ResultBundleSummary['kind']; subjectId: string }) {
  const { t } = useTranslation();
  const { data } = useResultBundles();
  const mine = data?.bundles.filter((b) => b.kind === kind && b.subjectId === subjectId).sort((a, b) => b.edition - a.edition)[0];
  if (!mine) return null;
  return (
    <Stack gap="xs">
      <Title order={3}>{t('resultBundles.forThisResult')}</Title>
      <BundleCard b={mine} />
    </Stack>
  );
}
