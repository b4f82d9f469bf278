import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsContract as c } from '@stagegate/core/contract/notifications';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call } from '../../api/contract-client';

export type OutboxMessage = ResponseOf<typeof c.outbox>['messages'][number];

const inboxKey = ['me', 'notifications'];

/** My notifications; the bell polls it so a new one shows without a reload. */
export function useNotifications(opts: { enabled?: boolean; poll?: boolean } = {}) {
  return useQuery({
    queryKey: inboxKey,
    queryFn: () => call(c.list, { query: { limit: 100 } }),
    enabled: opts.enabled ?? true,
    refetchInterval: opts.poll ? 60_000 : false,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | 'all') => {
      if (id === 'all') await call(c.markAllRead);
      else await call(c.markRead, { params: { id } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKey }),
  });
}

export function useOutbox(status: 'all' | OutboxMessage['status']) {
  return useQuery({
    queryKey: ['outbox', status],
    queryFn: () => call(c.outbox, { query: { limit: 200, status: status === 'all' ? undefined : status } }),
  });
}
