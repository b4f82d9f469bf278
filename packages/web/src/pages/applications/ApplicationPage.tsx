import { Alert } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { useApplication } from './api';
import { ApplicationEditor } from './ApplicationEditor';
import { ApplicationView } from './ApplicationView';

/** A draft its applicant may edit opens in the editor; anything else (the office, a submission) opens read-only. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, isLoading, error, refetch } = useApplication(id);
  // a restore or a withdrawal replaces the draft under the editor: start it afresh from the server
  const [generation, setGeneration] = useState(0);
  if (!data) return <QueryState isLoading={isLoading} error={error} />;
  if (!data.call) return <Alert color="red">{t('applications.callMissing')}</Alert>;
  const reload = async () => {
    await refetch();
    setGeneration((g) => g + 1);
  };
  if (data.permissions.edit) return <ApplicationEditor key={generation} detail={data} call={data.call} onReload={reload} />;
  return <ApplicationView detail={data} call={data.call} onReload={reload} />;
}
