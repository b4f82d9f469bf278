import { z } from 'zod';
import { route, uuidParam, text } from './route.ts';

const page = { limit: z.coerce.number().int().min(1).max(200).default(50), before: z.coerce.date().optional() };
const mailStatus = z.enum(['queued', 'sent', 'failed']);
const locale = z.enum(['ko', 'en']);

export const notificationItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: text,
  text,
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const mailAttachment = z.object({
  filename: z.string(),
  contentType: z.string(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('receipt'), applicationId: z.string() }),
    z.object({ kind: z.literal('stage-letter'), evaluationId: z.string(), taskKey: z.string() }),
  ]),
});

export const outboxMessage = z.object({
  id: z.string(),
  toEmail: z.string(),
  locale,
  subject: z.string(),
  body: z.string(),
  html: z.string().nullable(),
  /** null for mails whose link is private to their reader */
  link: z.string().nullable(),
  attachments: z.array(mailAttachment),
  kind: z.string(),
  notificationId: z.string().nullable(),
  status: mailStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

/** The inbox of everyone signed in, their language, their e-mail confirmation, and the office's outbox. */
export const notificationsContract = {
  list: route('GET', '/api/v1/me/notifications', {
    querystring: z.object({ ...page, unread: z.enum(['0', '1']).optional() }),
    response: { 200: z.object({ unread: z.number().int(), notifications: z.array(notificationItem) }) },
  }),
  markRead: route('POST', '/api/v1/me/notifications/:id/read', {
    params: uuidParam,
    response: { 200: z.object({ notification: notificationItem }) },
  }),
  markAllRead: route('POST', '/api/v1/me/notifications/read-all', {
    response: { 200: z.object({ marked: z.number().int() }) },
  }),
  setLocale: route('PUT', '/api/v1/me/locale', {
    body: z.object({ locale }),
    response: { 200: z.object({ locale, changed: z.boolean() }) },
  }),
  resendVerification: route('POST', '/api/v1/me/email-verification', {
    body: z.object({ mode: z.enum(['preview', 'commit']).default('commit') }),
    response: {
      200: z.discriminatedUnion('status', [
        z.object({ status: z.literal('preview'), to: z.string(), validHours: z.number() }),
        z.object({ status: z.literal('sent'), to: z.string(), validHours: z.number() }),
      ]),
    },
  }),
  outbox: route('GET', '/api/v1/outbox', {
    querystring: z.object({ ...page, status: mailStatus.optional() }),
    response: {
      200: z.object({ smtp: z.boolean(), counts: z.record(mailStatus, z.number().int()), messages: z.array(outboxMessage) }),
    },
  }),
};
