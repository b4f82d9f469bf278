import type { CallState } from '@stagegate/core/call/call-state';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { FormConfigPatch } from '@stagegate/core/application/form-config';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { Verdict } from '@stagegate/core/eligibility/verdict';
import { user } from './auth.ts';
import { organisations } from './organisations.ts';

/**
 * Per-call settings the program definition does not hold: the proposal form, the upload limit,
 * blind review, and an optional override of the call's window (a demo call that is open now, or an
 * extension decided by the office) — the program data itself stays as published.
 */
export const callSettings = pgTable(
  'call_settings',
  {
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    form: jsonb('form').$type<FormConfigPatch>().notNull().default({}),
    opensOverride: timestamp('opens_override', { withTimezone: true }),
    closesOverride: timestamp('closes_override', { withTimezone: true }),
    overrideReason: text('override_reason'),
    /** the step the office last recorded (core/call/call-state); null: the published window rules */
    state: text('state').$type<CallState>(),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programSlug, t.callKey] })],
);

/** The last receipt sequence issued per call; bumped in the submitting transaction, so numbers never repeat. */
export const callReceiptCounters = pgTable(
  'call_receipt_counters',
  {
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programSlug, t.callKey] })],
);

export interface EligibilityOverride {
  eligible: boolean;
  reason: string;
  by: string;
  byLabel: string;
  at: string;
}

/** One application to one call: its consortium and proposal as last saved, its status and receipt. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    /** the applicant organisation whose members may see and edit it */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: text('created_by').references(() => user.id),
    status: text('status').$type<'draft' | 'submitted' | 'withdrawn'>().notNull().default('draft'),
    /** the latest accepted version (a save must name it as its base) */
    currentVersion: integer('current_version').notNull().default(1),
    /** the last sequence number handed to any version row, accepted or conflicted */
    lastSeq: integer('last_seq').notNull().default(1),
    consortium: jsonb('consortium').notNull(),
    /** who leads, as core's leadIdentity (registration number or normalised name), for the per-lead limit */
    leadKey: text('lead_key'),
    proposal: jsonb('proposal').$type<ProposalDraft>().notNull(),
    submittedVersion: integer('submitted_version'),
    submittedHash: text('submitted_hash'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    receiptNo: text('receipt_no'),
    /** the verdict frozen at submission */
    verdict: jsonb('verdict').$type<Verdict>(),
    eligibilityOverride: jsonb('eligibility_override').$type<EligibilityOverride>(),
    extendedUntil: timestamp('extended_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_call_idx').on(t.programSlug, t.callKey, t.status),
    index('applications_org_idx').on(t.organisationId),
    index('applications_lead_idx').on(t.programSlug, t.callKey, t.leadKey),
  ],
);

/**
 * Every save is a row, never overwritten: `draft` rows form the history, `conflicted` rows are
 * saves that lost a race (kept to be restored), `submitted` rows are frozen with their hash.
 */
export const applicationVersions = pgTable(
  'application_versions',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: text('kind').$type<'draft' | 'conflicted' | 'submitted'>().notNull(),
    baseVersion: integer('base_version'),
    content: jsonb('content').notNull(),
    hash: text('hash'),
    savedBy: text('saved_by'),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.version] })],
);

/** Uploaded PDFs; the bytes live in the blob store under their SHA-256. */
export const applicationAttachments = pgTable(
  'application_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removed: boolean('removed').notNull().default(false),
  },
  (t) => [index('application_attachments_app_idx').on(t.applicationId)],
);

/** Every receipt ever issued; one per (application, frozen version), unique number per call. */
export const receipts = pgTable(
  'receipts',
  {
    receiptNo: text('receipt_no').notNull(),
    programSlug: text('program_slug').notNull(),
    callKey: text('call_key').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    hash: text('hash').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [primaryKey({ columns: [t.programSlug, t.callKey, t.receiptNo] }), uniqueIndex('receipts_application_version_idx').on(t.applicationId, t.version)],
);
