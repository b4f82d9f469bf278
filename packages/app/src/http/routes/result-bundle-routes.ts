import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canResultBundle } from '../../policies/result-bundle-policy.ts';
import { notFound } from '../errors.ts';
import { getPublishedBundle, listPublishedBundles } from '../../results-bundle/published-bundles.ts';
import { bundleFolderName, bundleZip } from '../../results-bundle/bundle-store.ts';
import { officeSigningKey } from '../../results-bundle/signing-key.ts';
import type { ResultBundleRow } from '../../results-bundle/publish-bundle.ts';

import { resultBundlesContract as c } from '@stagegate/core/contract/result-bundles';

/** What the public page shows per bundle: links, the manifest's hash, the signature, how to verify. */
function summary(row: ResultBundleRow) {
  const m = JSON.parse(row.manifest) as {
    subject: { name: { ko: string; en: string } };
    computation: { version: number };
    auditHead: { seq: number; hash: string };
    private: { what: { ko: string; en: string }; sha256: string; items: number }[];
  };
  const base = `/api/v1/public/result-bundles/${row.id}`;
  return {
    id: row.id,
    program: row.programSlug,
    kind: row.kind,
    subjectId: row.subjectId,
    name: m.subject.name,
    edition: row.edition,
    computationVersion: row.computationVersion,
    publishedAt: row.publishedAt.toISOString(),
    manifestSha256: row.manifestSha256,
    signature: row.signature.trim(),
    keyId: row.keyId,
    auditHead: m.auditHead,
    replaces: row.replacesId ? { id: row.replacesId, reason: row.replaceReason } : null,
    private: m.private,
    links: { zip: `${base}/bundle.zip`, manifest: `${base}/manifest.json`, signature: `${base}/manifest.sig` },
    verifyCommand: `npx stagegate verify ${bundleFolderName(row)}.zip --key ${row.keyId}`,
  };
}

/** Published result bundles, no account needed; a bundle of a result not published now is not found. */
export const resultBundleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['public'];
    const authorize = (a: Parameters<typeof canResultBundle>[0]) => canResultBundle(a, 'readPublished');

    app.get(
      c.list.path,
      { config: { authorize }, schema: { ...c.list.schema, tags, summary: "Signed bundles of published results, with the office's public key" } },
      async (req) => {
        const key = await officeSigningKey();
        return {
          signingKey: { algorithm: 'Ed25519' as const, keyId: key.keyId, publicKey: key.publicKeyPem },
          bundles: (await listPublishedBundles(ctx.db, req.query.program)).map(summary),
        };
      },
    );

    async function published(id: string) {
      const row = await getPublishedBundle(ctx.db, id);
      if (!row) throw notFound('result bundle');
      return row;
    }

    app.get(c.zip.path, { config: { authorize }, schema: { ...c.zip.schema, tags, summary: 'The bundle as one zip file' } }, async (req, reply) => {
      const row = await published(req.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${bundleFolderName(row)}.zip"`)
        .send(bundleZip(row));
    });

    app.get(
      c.manifest.path,
      { config: { authorize }, schema: { ...c.manifest.schema, tags, summary: 'The signed manifest, byte for byte' } },
      async (req, reply) => {
        const row = await published(req.params.id);
        return reply.header('content-type', 'application/json; charset=utf-8').send(row.manifest);
      },
    );

    app.get(
      c.signature.path,
      { config: { authorize }, schema: { ...c.signature.schema, tags, summary: "The office's Ed25519 signature over manifest.json (base64)" } },
      async (req, reply) => {
        const row = await published(req.params.id);
        return reply.header('content-type', 'text/plain; charset=utf-8').send(row.signature);
      },
    );
  };
