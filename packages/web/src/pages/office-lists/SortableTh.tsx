import { Table, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortOrder } from '@stagegate/core/contract/office';

/**
 * A column header the office clicks to sort by it: the header says how the list runs now
 * (`aria-sort`) and the button's name is the column's, so a screen reader hears "접수번호, 오름차순".
 */
export function SortableTh(props: { label: ReactNode; active: boolean; order: SortOrder; onSort: () => void; testId: string }) {
  const { t } = useTranslation();
  const ariaSort = props.active ? (props.order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <Table.Th aria-sort={ariaSort} data-testid={`sort-${props.testId}`}>
      <UnstyledButton
        onClick={props.onSort}
        title={t(props.active ? `listTools.sort.${props.order === 'asc' ? 'toDesc' : 'toAsc'}` : 'listTools.sort.by')}
        fw={600}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {props.label}
        <span aria-hidden="true" style={{ marginLeft: 4, opacity: props.active ? 1 : 0.35 }}>
          {props.active ? (props.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
