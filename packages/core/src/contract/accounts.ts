import { z } from 'zod';
import { route } from './route.ts';

/** The most accounts one page of the directory answers (a panel is picked from a few dozen). */
export const ACCOUNT_PAGE_MAX = 100;

/** Every account has one of these roles; object permissions (organisation, task membership) come on top. */
export const roles = ['operator', 'applicant', 'reviewer', 'evaluator'] as const;

/** The signed-in account as the API tells it to its owner. */
export const actor = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  /** false until the account opens the link of its confirmation mail */
  emailVerified: z.boolean().optional(),
});

/** Who is signed in, the office's account directory, and whether the server is alive. */
export const accountsContract = {
  health: route('GET', '/api/v1/health', {
    response: { 200: z.object({ ok: z.literal(true) }) },
  }),
  me: route('GET', '/api/v1/me', {
    response: { 200: z.object({ actor: actor.nullable() }) },
  }),
  list: route('GET', '/api/v1/accounts', {
    querystring: z.object({
      role: z.enum(['reviewer', 'evaluator']),
      q: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(ACCOUNT_PAGE_MAX).default(50),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
    response: { 200: z.object({ accounts: z.array(z.object({ name: z.string(), email: z.string() })), hasMore: z.boolean() }) },
  }),
};
