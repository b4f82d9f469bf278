import { z } from 'zod';
import { file, idParam, route, text } from './route.ts';

export const resultBundleSummary = z.object({
  id: z.string(),
  program: z.string(),
  kind: z.enum(['selection', 'stage-decision', 'final-evaluation']),
  subjectId: z.string(),
  name: text,
  edition: z.number().int(),
  computationVersion: z.number().int(),
  publishedAt: z.string(),
  manifestSha256: z.string(),
  signature: z.string(),
  keyId: z.string(),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }),
  replaces: z.object({ id: z.string(), reason: z.string().nullable() }).nullable(),
  /** inputs kept out of the bundle, listed by hash only */
  private: z.array(z.object({ what: text, sha256: z.string(), items: z.number().int() })),
  links: z.object({ zip: z.string(), manifest: z.string(), signature: z.string() }),
  verifyCommand: z.string(),
});

/** Signed bundles of published results, no account needed. */
export const resultBundlesContract = {
  list: route('GET', '/api/v1/public/result-bundles', {
    querystring: z.object({ program: z.string().min(1).max(80).optional() }),
    response: {
      200: z.object({
        signingKey: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string() }),
        bundles: z.array(resultBundleSummary),
      }),
    },
  }),
  zip: route('GET', '/api/v1/public/result-bundles/:id/bundle.zip', {
    params: idParam,
    response: { 200: file('the bundle as one zip file', 'application/zip') },
  }),
  manifest: route('GET', '/api/v1/public/result-bundles/:id/manifest.json', {
    params: idParam,
    response: { 200: file('the signed manifest, byte for byte', 'application/json') },
  }),
  signature: route('GET', '/api/v1/public/result-bundles/:id/manifest.sig', {
    params: idParam,
    response: { 200: file("the office's Ed25519 signature over manifest.json (base64)", 'text/plain') },
  }),
};
