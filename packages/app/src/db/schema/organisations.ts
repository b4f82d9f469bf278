import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { OrganisationType } from '@stagegate/core/organisation/organisation-type';
import { user } from './auth.ts';

/** An institution that applies: a company, university or institute, with its names in both languages. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nameKo: text('name_ko').notNull(),
    nameEn: text('name_en').notNull(),
    type: text('type').$type<OrganisationType>().notNull(),
    country: text('country').notNull(),
    /** `000-00-00000`, checksum verified; absent for foreign organisations */
    registrationNo: text('registration_no'),
    /** what the organisation gave as evidence for its type and number (certificate numbers, documents) */
    evidence: text('evidence'),
    /** `unverified` until the program office checks type and number; an edit of either resets it */
    verificationStatus: text('verification_status').$type<'unverified' | 'verified'>().notNull().default('unverified'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: text('verified_by'),
    /** core's folded name keys (Korean, English), so a second registration under a look-alike name is found by index */
    nameKey: text('name_key'),
    nameKeyEn: text('name_key_en'),
    revision: integer('revision').notNull().default(1),
    createdBy: text('created_by').references(() => user.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_registration_no_idx')
      .on(t.registrationNo)
      .where(sql`${t.registrationNo} is not null`),
    index('organisations_name_key_idx').on(t.nameKey),
    index('organisations_name_key_en_idx').on(t.nameKeyEn),
  ],
);

/** Who acts for an organisation; an `admin` manages its members and applications. */
export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role').$type<'admin' | 'member'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('organisation_members_user_idx').on(t.userId)],
);

/**
 * An admin's offer of membership to an account: no access and no conflict of interest derive from
 * it until the person accepts while signed in (then it becomes an organisation_members row).
 */
export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role').$type<'admin' | 'member'>().notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisation_invitations_pair_idx').on(t.organisationId, t.userId)],
);
