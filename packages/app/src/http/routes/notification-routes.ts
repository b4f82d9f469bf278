import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canNotification } from '../../policies/notification-policy.ts';
import { getNotification, listNotifications, listOutbox, markAllRead, markRead, notificationView } from '../../notifications/inbox.ts';
import { ApiError, notFound } from '../errors.ts';
import { toWebHeaders } from '../auth-bridge.ts';
import { resendVerification } from '../../auth/email-verification.ts';
import { VERIFY_VALID_HOURS } from '../../auth/auth.ts';
import { setLocale } from '../../notifications/locale-preference.ts';
import { notificationsContract as c } from '@stagegate/core/contract/notifications';

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.list.path,
      {
        config: { authorize: (a) => canNotification(a, 'readOwn') },
        schema: { ...c.list.schema, tags: ['notifications'], summary: 'My notifications, newest first, and the unread count' },
      },
      async (req) => listNotifications(ctx.db, req.actor!.id, { limit: req.query.limit, before: req.query.before, unreadOnly: req.query.unread === '1' }),
    );
    app.post(
      c.markRead.path,
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: { ...c.markRead.schema, tags: ['notifications'], summary: 'Mark one of my notifications read' },
      },
      async (req) => {
        const row = await getNotification(ctx.db, req.params.id);
        // another person's notification is answered as absent: its existence is not theirs to learn
        if (!row || !canNotification(req.actor, 'markOwn', row)) throw notFound('notification');
        return { notification: notificationView(await markRead(ctx.db, row.id)) };
      },
    );
    app.post(
      c.markAllRead.path,
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: { ...c.markAllRead.schema, tags: ['notifications'], summary: 'Mark all my notifications read' },
      },
      async (req) => ({
        marked: await markAllRead(ctx.db, req.actor!.id),
      }),
    );
    app.put(
      c.setLocale.path,
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: { ...c.setLocale.schema, tags: ['notifications'], summary: 'The language my notifications and mail are written in' },
      },
      async (req) => setLocale(ctx.db, req.actor!, req.body.locale),
    );
    app.post(
      c.resendVerification.path,
      {
        config: { authorize: (a) => canNotification(a, 'markOwn') },
        schema: {
          ...c.resendVerification.schema,
          tags: ['accounts'],
          summary: 'Send me a new link to confirm my e-mail address (once a minute, five times a day; preview: where it goes)',
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
      c.outbox.path,
      {
        config: { authorize: (a) => canNotification(a, 'readOutbox') },
        schema: { ...c.outbox.schema, tags: ['notifications'], summary: 'Every mail: queued (no mail server, or waiting to retry), sent, failed' },
      },
      async (req) => ({
        smtp: !!ctx.config.smtpUrl,
        ...(await listOutbox(ctx.db, { status: req.query.status, limit: req.query.limit, before: req.query.before })),
      }),
    );
  };
