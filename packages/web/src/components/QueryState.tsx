import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text';

export function QueryState({ isLoading, error }: { isLoading: boolean; error: Error | null }) {
  const { t, i18n } = useTranslation();
  if (isLoading) return <Loader aria-label={t('common.loading')} />;
  if (error) return <Alert color="red">{t('common.error', { message: errorText(error, i18n) })}</Alert>;
  return null;
}
