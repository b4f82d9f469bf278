import { z } from 'zod';
import { localizedText } from '../shared/localized.ts';

export const BUNDLE_FORMAT = 'stagegate-result-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

export const resultKind = z.enum(['selection', 'stage-decision', 'final-evaluation']);
export type ResultKind = z.infer<typeof resultKind>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
const bundlePath = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, 'a relative path of plain names');

/**
 * What a bundle says about itself. Signed as the exact bytes of manifest.json, so every hash,
 * the audit-log head and the correction it may be are covered by the office's signature.
 */
export const bundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  bundleId: z.string().min(1),
  kind: resultKind,
  /** the computation that made the result, rerun as it was by `stagegate verify` */
  computation: z.object({ version: z.number().int().positive() }),
  stagegateVersion: z.string().min(1),
  program: z.string().min(1),
  subject: z.object({ id: z.string().min(1), name: localizedText }),
  publishedAt: z.string().min(1),
  /** the audit log's last row when the result was published: the publication row itself */
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: sha256Hex }),
  /** a correction names the bundle it replaces and why */
  replaces: z.object({ bundleId: z.string().min(1), manifestSha256: sha256Hex, reason: z.string().min(1) }).nullable(),
  files: z.array(z.object({ path: bundlePath, sha256: sha256Hex, bytes: z.number().int().nonnegative() })).min(1),
  /** inputs left out (personal data, proposal texts, unpublished weights), each only by hash */
  private: z.array(z.object({ input: z.string().min(1), what: localizedText, sha256: sha256Hex, items: z.number().int().nonnegative() })),
  signature: z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string().min(1), keyId: sha256Hex }),
});
export type BundleManifest = z.infer<typeof bundleManifest>;
