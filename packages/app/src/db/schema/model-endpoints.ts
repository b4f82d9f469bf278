import { boolean, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

// The model endpoints the program office registered: the only places evaluation runs and arena
// answer fetches may call. `allow_private` lets one endpoint sit on a loopback/private address.
export const modelEndpoints = pgTable(
  'model_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    url: text('url').notNull(),
    label: text('label').notNull(),
    allowPrivate: boolean('allow_private').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('model_endpoints_program_url_unique').on(t.programSlug, t.url)],
);
