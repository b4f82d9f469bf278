import { z } from 'zod';
import { route, text } from './route.ts';

/** The most applications one bulk reminder reaches. */
export const MAX_BULK_REMIND = 200;

const remindItem = z.object({
  id: z.string(),
  title: z.string().nullable(),
  organisationName: z.string().nullable(),
  call: text.nullable(),
  closesAt: z.string().nullable(),
  /** `send` is reminded on commit; the others are left out, each with why */
  outcome: z.enum(['send', 'not-draft', 'call-closed', 'no-recipients', 'missing']),
  /** who gets it: the members of the applying organisation */
  recipients: z.array(z.object({ name: z.string(), email: z.string() })),
});

/** The office's own actions on its lists. */
export const officeContract = {
  remindDrafts: route('POST', '/api/v1/office/applications/reminders', {
    body: z.object({
      applications: z.array(z.uuid()).min(1, 'choose at least one application').max(MAX_BULK_REMIND, `at most ${MAX_BULK_REMIND} applications at once`),
      mode: z.enum(['preview', 'commit']),
      reason: z.string().trim().max(4000).default(''),
    }),
    response: { 200: z.object({ status: z.enum(['preview', 'committed']), items: z.array(remindItem), applications: z.number().int(), recipients: z.number().int() }) },
  }),
};
