import { Button, Group, Pagination, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from '@stagegate/core/contract/office';

/** How many rows a page holds, when the list lets the office choose (kept in the address by the page). */
interface PageSizeChoice {
  pageSize?: number;
  onPageSize?: (size: number) => void;
}

/** A list paged by number, with the total the filters match: "31–60 / 412건" and the page buttons. */
interface NumberedPages {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** A list read a page at a time after a cursor (newest first): one button fetches what follows. */
interface MorePages {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  /** rows shown so far */
  shown: number;
}

/** The one pager of every list (applications, organisations, jobs, usage, the audit log). */
export function ListPager(props: (NumberedPages | MorePages) & PageSizeChoice) {
  const { t } = useTranslation();
  const sizes =
    props.pageSize && !(PAGE_SIZES as readonly number[]).includes(props.pageSize) ? [...PAGE_SIZES, props.pageSize].sort((a, b) => a - b) : PAGE_SIZES;
  const onPageSize = props.onPageSize;
  const sizePicker = onPageSize && props.pageSize && (
    <Select
      label={t('listTools.pageSize.label')}
      size="xs"
      w={130}
      allowDeselect={false}
      data={sizes.map((n) => ({ value: String(n), label: t('listTools.pageSize.option', { count: n }) }))}
      value={String(props.pageSize)}
      onChange={(v) => v && onPageSize(Number(v))}
      data-testid="page-size"
    />
  );
  if ('onMore' in props) {
    return (
      <Group justify="space-between" data-testid="list-pager">
        <Group align="flex-end">
          {sizePicker}
          <Text size="sm" c="dimmed">
            {t('lists.pager.shown', { count: props.shown })}
          </Text>
        </Group>
        {props.hasMore && (
          <Button variant="default" onClick={props.onMore} loading={props.loading} data-testid="pager-more">
            {t('lists.pager.more')}
          </Button>
        )}
      </Group>
    );
  }
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <Group justify="space-between" data-testid="list-pager">
      <Group align="flex-end">
        {sizePicker}
        <Text size="sm" c="dimmed" data-testid="pager-range">
          {t('lists.pager.range', { from, to, total: props.total })}
        </Text>
      </Group>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(props.page, pages)}
          onChange={props.onPage}
          size="sm"
          getControlProps={(control) => ({ 'aria-label': t(`lists.pager.${control}`) })}
          getItemProps={(page) => ({ 'aria-label': t('lists.pager.page', { page }) })}
        />
      )}
    </Group>
  );
}
