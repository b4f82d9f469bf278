import { z } from 'zod';
import { route, text } from './route.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day YYYY-MM-DD');
const term = z.string().trim().min(1).max(200);

/** One row of the audit log as the office reads it: the recorded row, its actor split, its object named. */
export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
  /** the actor as recorded, split: null for the system */
  actor: z.object({ email: z.string(), role: z.string() }).nullable(),
  /** what readers call the object (a receipt number and title, a task's number and name), when it has a name */
  objectName: text.nullable(),
});

/** The recomputed hash chain: intact or not, and where it breaks. */
export const auditVerification = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  /** rows written before the chain was keyed (plain SHA-256, anchored by the first keyed row) */
  unkeyedRows: z.number().int(),
  keyId: z.string(),
  keySource: z.enum(['STAGEGATE_AUDIT_KEY', 'key file', 'STAGEGATE_SECRET', 'ephemeral']),
  /** the head recorded outside the database that the log must still reach */
  witness: z.object({ seq: z.number().int(), at: z.string(), where: z.string() }).nullable(),
  problems: z.array(z.object({ seq: z.number().int().nullable(), problem: z.string() })),
});

/** The audit log: who changed what, when and why, a page at a time, and its hash chain checked. */
export const auditContract = {
  list: route('GET', '/api/v1/audit', {
    querystring: z.object({
      objectType: term.optional(),
      objectId: term.optional(),
      action: term.optional(),
      actor: term.optional(),
      reason: term.optional(),
      from: day.optional(),
      to: day.optional(),
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    response: { 200: z.object({ entries: z.array(auditEntry), nextBefore: z.number().int().nullable() }) },
  }),
  facets: route('GET', '/api/v1/audit/facets', { response: { 200: z.object({ actions: z.array(z.string()), objectTypes: z.array(z.string()) }) } }),
  verify: route('GET', '/api/v1/audit/verify', { response: { 200: auditVerification } }),
};
