import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';

export const OFFICE_LISTS = ['applications', 'organisations', 'jobs', 'usage'] as const;

/** The office's four lists side by side, one tab each. */
export function OfficeListTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = OFFICE_LISTS.find((l) => pathname.startsWith(`/office/${l}`)) ?? null;
  return (
    <Tabs value={current} onChange={(v) => v && navigate(`/office/${v}`)}>
      <Tabs.List>
        {OFFICE_LISTS.map((l) => (
          <Tabs.Tab key={l} value={l}>
            {t(`lists.${l}.title`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
