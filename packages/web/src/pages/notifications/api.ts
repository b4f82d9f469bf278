import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LocalizedText } from '../../api/types';

export interface NotificationItem {
  id: string;
  kind: string;
  title: LocalizedText;
  text: LocalizedText;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface OutboxMessage {
  id: string;
  toEmail: string;
  locale: 'ko' | 'en';
  subject: string;
  body: string;
  kind: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const inboxKey = ['me', 'notifications'];

/** My notifications; the bell polls it so a new one shows without a reload. */
export function useNotifications(opts: { enabled?: boolean; poll?: boolean } = {}) {
  return useQuery({
    queryKey: inboxKey,
    queryFn: () => api<{ unread: number; notifications: NotificationItem[] }>('/api/v1/me/notifications?limit=100'),
    enabled: opts.enabled ?? true,
    refetchInterval: opts.poll ? 60_000 : false,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api(id === 'all' ? '/api/v1/me/notifications/read-all' : `/api/v1/me/notifications/${id}/read`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKey }),
  });
}

export function useOutbox(status: 'all' | OutboxMessage['status']) {
  return useQuery({
    queryKey: ['outbox', status],
    queryFn: () =>
      api<{ smtp: boolean; counts: Record<OutboxMessage['status'], number>; messages: OutboxMessage[] }>(
        `/api/v1/outbox?limit=200${status === 'all' ? '' : `&status=${status}`}`,
      ),
  });
}
