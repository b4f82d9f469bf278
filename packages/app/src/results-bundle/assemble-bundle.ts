import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  type BundleManifest,
  type ResultKind,
} from '@stagegate/core/results-bundle/manifest';
import type { BuiltBundle } from '@stagegate/core/results-bundle/bundle-files';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { signBytes, type SigningKey } from './signing-key.ts';
import { sha256Hex } from './verify-bundle.ts';
import { STAGEGATE_VERSION } from './stagegate-version.ts';

export interface BundleMeta {
  bundleId: string;
  kind: ResultKind;
  program: string;
  subject: { id: string; name: LocalizedText };
  publishedAt: string;
  auditHead: { seq: number; hash: string };
  replaces: BundleManifest['replaces'];
}

export interface AssembledBundle {
  manifest: BundleManifest;
  /** manifest.json exactly as signed */
  manifestText: string;
  manifestSha256: string;
  signature: string;
  /** every file of the bundle, manifest and signature included */
  files: Record<string, string>;
}

const readme = (m: BundleMeta) => `Stagegate result bundle — ${m.subject.name.en} (${m.subject.name.ko})
Program: ${m.program}; published ${m.publishedAt}.

Verify it offline, with no account and no database:
  npx stagegate verify <this folder or zip>
It checks every file's SHA-256 against manifest.json, the office's Ed25519 signature in
manifest.sig, and recomputes result.json from the inputs here with the computation version the
manifest names. Compare the key id it prints with the one on the program's public results page.
Inputs that must stay private are not here; manifest.json lists them by SHA-256 only.
`;

/** Hashes the files, writes and signs the manifest. */
export function assembleBundle(built: BuiltBundle, meta: BundleMeta, key: SigningKey): AssembledBundle {
  const files: Record<string, string> = { ...built.files, 'README.txt': readme(meta) };
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleId: meta.bundleId,
    kind: meta.kind,
    computation: { version: built.computationVersion },
    stagegateVersion: STAGEGATE_VERSION,
    program: meta.program,
    subject: meta.subject,
    publishedAt: meta.publishedAt,
    auditHead: meta.auditHead,
    replaces: meta.replaces,
    files: Object.keys(files)
      .sort()
      .map((path) => ({ path, sha256: sha256Hex(files[path]!), bytes: Buffer.byteLength(files[path]!) })),
    private: built.private.filter((p) => p.items > 0).map((p) => ({ input: p.input, what: p.what, sha256: sha256Hex(p.content), items: p.items })),
    signature: { algorithm: 'Ed25519', publicKey: key.publicKeyPem, keyId: key.keyId },
  };
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  const signature = signBytes(key, Buffer.from(manifestText, 'utf8')) + '\n';
  return {
    manifest,
    manifestText,
    manifestSha256: sha256Hex(manifestText),
    signature,
    files: { ...files, [MANIFEST_FILE]: manifestText, [SIGNATURE_FILE]: signature },
  };
}
