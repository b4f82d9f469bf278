import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canNotification } from '../../policies/notification-policy.ts';
import { getNotification, listNotifications, listOutbox, markAllRead, markRead, notificationView } from '../../notifications/inbox.ts';
import { ApiError, notFound } from '../errors.ts';
import { toWebHeaders } from '../auth-bridge.ts';
import { resendVerification } from '../../auth/email-verification.ts';
import { VERIFY_VALID_HOURS } from '../../auth/auth.ts';
import { setLocale } from '../../notifications/locale-preference.ts';

const page = { limit: z.coerce.number().int().min(1).max(200).default(50), before: z.coerce.date().optional() };

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/me/notifications',
      {
        config: { authorize: (a) => canNotification(a, 'readOwn') },
        schema: {
          tags: ['notifications'],
          summary: 'My notifications, newest first, and the unread count',
          querystring: z.object({ ...page, unread: z.enum(['0', '1']).optional() }),
        },
      },
      async (req) => listNotifications(ctx.db, req.actor!.id, { limit: req.query.limit, before: req.query.before, unreadOnly: req.query.unread === '1' }),
    );
    app.post(
      '/api/v1/me/notifications/:id/read',
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: z.object({ id: z.uuid() }) },
      },
      async (req) => {
        const row = await getNotification(ctx.db, req.params.id);
        // another person's notification is answered as absent: its existence is not theirs to learn
        if (!row || !canNotification(req.actor, 'markOwn', row)) throw notFound('notification');
        return { notification: notificationView(await markRead(ctx.db, row.id)) };
      },
    );
    app.post(
      '/api/v1/me/notifications/read-all',
      { config: { authorize: (a) => canNotification(a, 'markOwn') }, schema: { tags: ['notifications'], summary: 'Mark all my notifications read' } },
      async (req) => ({
        marked: await markAllRead(ctx.db, req.actor!.id),
      }),
    );
    app.put(
      '/api/v1/me/locale',
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: { tags: ['notifications'], summary: 'The language my notifications and mail are written in', body: z.object({ locale: z.enum(['ko', 'en']) }) },
      },
      async (req) => setLocale(ctx.db, req.actor!, req.body.locale),
    );
    app.post(
      '/api/v1/me/email-verification',
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: {
          tags: ['accounts'],
          summary: 'Send me a new link to confirm my e-mail address (once a minute, five times a day; preview: where it goes)',
          body: z.object({ mode: z.enum(['preview', 'commit']).default('commit') }),
        },
      },
      async (req, reply) => {
        const res = await resendVerification(ctx.db, ctx.auth, req.actor!, toWebHeaders(req), req.body.mode, VERIFY_VALID_HOURS);
        if (res.status === 'already_verified') throw new ApiError(409, 'already_verified', 'your e-mail address is already confirmed');
        if (res.status === 'throttled') {
          void reply.header('retry-after', String(res.retryAfterSeconds));
          throw new ApiError(429, 'too_many_requests', `a confirmation mail was sent recently; ask again in ${res.retryAfterSeconds} seconds`);
        }
        return res;
      },
    );
    app.get(
      '/api/v1/outbox',
      {
        config: { authorize: (a) => canNotification(a, 'readOutbox') },
        schema: {
          tags: ['notifications'],
          summary: 'Every mail: queued (no mail server, or waiting to retry), sent, failed',
          querystring: z.object({ ...page, status: z.enum(['queued', 'sent', 'failed']).optional() }),
        },
      },
      async (req) => ({
        smtp: !!ctx.config.smtpUrl,
        ...(await listOutbox(ctx.db, { status: req.query.status, limit: req.query.limit, before: req.query.before })),
      }),
    );
  };
