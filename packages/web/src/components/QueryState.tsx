import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function QueryState({ isLoading, error }: { isLoading: boolean; error: Error | null }) {
  const { t } = useTranslation();
  if (isLoading) return <Loader aria-label={t('common.loading')} />;
  if (error) return <Alert color="red">{t('common.error', { message: error.message })}</Alert>;
  return null;
}
