import { Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { modelEndpointsContract } from '@stagegate/core/contract/model-endpoints';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { pathOf } from '../../api/contract-client';
import { useMutationCall } from '../../api/use-mutation-call';
import { ConfirmWithPreview } from '../../components/ConfirmWithPreview';

type EndpointChange = ResponseOf<typeof modelEndpointsContract.register>;

/**
 * The office adds a team's OpenAI-compatible server to the program's registry, the only places the
 * server sends evaluation requests to. The preview shows the address as it will be stored (the
 * server drops a trailing /v1), so the office sees what it registers before it commits.
 */
export function RegisterModelEndpoint({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const m = useMutationCall();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [allowPrivate, setAllowPrivate] = useState(false);
  const path = pathOf(modelEndpointsContract.register, { params: { slug } });
  const body = (mode: 'preview' | 'commit') => ({ label: label.trim(), url: url.trim(), allowPrivate, mode });

  return (
    <Stack gap="xs" data-testid="endpoint-register">
      <Group grow align="flex-start">
        <TextInput
          label={t('evaluationSetup.arena.register.label')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          maxLength={200}
          error={m.issueFor('label')}
          data-testid="endpoint-label"
        />
        <TextInput
          label={t('evaluationSetup.arena.register.url')}
          description={t('evaluationSetup.arena.register.urlHint')}
          placeholder="https://models.team.example/v1"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          maxLength={2000}
          error={m.issueFor('url')}
          data-testid="endpoint-url"
        />
      </Group>
      <Checkbox
        label={t('evaluationSetup.arena.register.allowPrivate')}
        description={t('evaluationSetup.arena.register.allowPrivateHint')}
        checked={allowPrivate}
        onChange={(e) => setAllowPrivate(e.currentTarget.checked)}
        data-testid="endpoint-allow-private"
      />
      <Group>
        <ConfirmWithPreview<EndpointChange>
          label={t('evaluationSetup.arena.register.preview')}
          title={t('evaluationSetup.arena.register.dialogTitle')}
          color="blue"
          variant="light"
          testId="endpoint-register-start"
          disabled={!label.trim() || !url.trim()}
          error={m.error}
          loadPreview={() => m.send<EndpointChange>(modelEndpointsContract.register.method, path, body('preview'))}
          renderPreview={(p) => (
            <Stack gap={4} data-testid="endpoint-preview">
              <Text size="sm">{t('evaluationSetup.arena.register.previewLabel', { label: p.endpoint.label })}</Text>
              <Text size="sm">{t('evaluationSetup.arena.register.previewUrl', { url: p.endpoint.url })}</Text>
              <Text size="sm" c={p.endpoint.allowPrivate ? 'orange' : undefined}>
                {t(p.endpoint.allowPrivate ? 'evaluationSetup.arena.register.privateAllowed' : 'evaluationSetup.arena.register.publicOnly')}
              </Text>
            </Stack>
          )}
          confirmLabel={t('evaluationSetup.arena.register.confirm')}
          onConfirm={async () => {
            const done = await m.send<EndpointChange>(modelEndpointsContract.register.method, path, body('commit'));
            if (!done) return false;
            setLabel('');
            setUrl('');
            setAllowPrivate(false);
            return true;
          }}
        />
      </Group>
    </Stack>
  );
}
