import { createHash, createPublicKey } from 'node:crypto';
import { checkResult, type ResultCheck } from '@stagegate/core/results-bundle/check-result';
import { COMPUTATIONS } from '@stagegate/core/results-bundle/computations';
import { bundleManifest, MANIFEST_FILE, SIGNATURE_FILE, type BundleManifest } from '@stagegate/core/results-bundle/manifest';
import { keyIdOf, verifySignature } from './signing-key.ts';
import type { BundleBytes } from './read-bundle.ts';

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export interface BundleVerification {
  /** identical: every check passed; differs: tampered or recomputed differently; unreadable: not a bundle */
  verdict: 'identical' | 'differs' | 'unreadable';
  manifest?: BundleManifest;
  /** one line per check, in the order they ran */
  checks: { ok: boolean; line: string }[];
  /** the first thing that is wrong, said once for the summary */
  problem?: string;
  result?: ResultCheck;
}

/**
 * Checks a bundle from its own bytes alone: the manifest's form, each file's SHA-256, no file
 * added or removed, the Ed25519 signature over manifest.json (and, when given, that the key is the
 * office's), then reruns the named computation and compares every figure. No database, no account.
 */
export function verifyBundle(bundle: BundleBytes, opts: { trustedKey?: string } = {}): BundleVerification {
  const checks: BundleVerification['checks'] = [];
  const manifestBytes = bundle.get(MANIFEST_FILE);
  if (!manifestBytes) return { verdict: 'unreadable', checks, problem: `no ${MANIFEST_FILE}: this is not a Stagegate result bundle` };
  let raw: unknown;
  try {
    raw = JSON.parse(manifestBytes.toString('utf8'));
  } catch (e) {
    return { verdict: 'unreadable', checks, problem: `${MANIFEST_FILE}: not valid JSON (${(e as Error).message})` };
  }
  const parsed = bundleManifest.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { verdict: 'unreadable', checks, problem: `${MANIFEST_FILE}: ${i.path.join('.') || '(top)'}: ${i.message}` };
  }
  const manifest = parsed.data;
  let tampered: string | undefined;
  const fail = (line: string) => {
    checks.push({ ok: false, line });
    tampered ??= line;
  };

  // 1. every listed file is there with its hash; nothing else is
  const listed = new Set(manifest.files.map((f) => f.path));
  let matching = 0;
  for (const f of manifest.files) {
    const bytes = bundle.get(f.path);
    if (!bytes) fail(`${f.path} is listed in the manifest but missing from the bundle`);
    else if (sha256Hex(bytes) !== f.sha256) fail(`${f.path} does not match its SHA-256 in the manifest (the file was changed)`);
    else matching++;
  }
  for (const path of bundle.keys()) {
    if (path !== MANIFEST_FILE && path !== SIGNATURE_FILE && !listed.has(path)) fail(`${path} is in the bundle but not in the manifest (a file was added)`);
  }
  if (matching === manifest.files.length) checks.push({ ok: true, line: `files: ${matching} of ${manifest.files.length} match their SHA-256 in the manifest` });

  // 2. the signature over the manifest's exact bytes, by the key it names (and the office's, when given)
  const signature = bundle.get(SIGNATURE_FILE);
  let keyOk = true;
  try {
    if (keyIdOf(createPublicKey(manifest.signature.publicKey)) !== manifest.signature.keyId) keyOk = false;
  } catch {
    keyOk = false;
  }
  if (!keyOk) fail('the public key in the manifest does not match its key id');
  else if (!signature) fail(`no ${SIGNATURE_FILE}: the manifest is not signed`);
  else if (!verifySignature(manifest.signature.publicKey, manifestBytes, signature.toString('utf8')))
    fail('the signature does not match the manifest (the manifest was changed after signing, or signed with another key)');
  else if (opts.trustedKey && normaliseKey(opts.trustedKey) !== manifest.signature.keyId) {
    fail(
      `signed with key ${manifest.signature.keyId.slice(0, 16)}…, not the office's key ${normaliseKey(opts.trustedKey).slice(0, 16)}… (re-signed by someone else)`,
    );
  } else {
    checks.push({
      ok: true,
      line: `signature: valid Ed25519, key ${manifest.signature.keyId}${opts.trustedKey ? " (the office's key you gave)" : ' (compare it with the key on the public results page)'}`,
    });
  }
  checks.push({ ok: true, line: `audit log head at publication: #${manifest.auditHead.seq} ${manifest.auditHead.hash}` });
  if (manifest.replaces)
    checks.push({
      ok: true,
      line: `correction: replaces bundle ${manifest.replaces.bundleId} (manifest ${manifest.replaces.manifestSha256.slice(0, 16)}…) because: ${manifest.replaces.reason}`,
    });

  // 3. the result, recomputed by the named version of the computation
  const files: Record<string, string> = {};
  for (const [path, bytes] of bundle) if (path !== MANIFEST_FILE && path !== SIGNATURE_FILE) files[path] = bytes.toString('utf8');
  const result = checkResult(manifest.kind, manifest.computation.version, files);
  const current = COMPUTATIONS[manifest.kind].current;
  const versionNote = manifest.computation.version === current ? '' : ` (an older computation; current is ${current})`;
  if (result.status === 'identical')
    checks.push({
      ok: true,
      line: `recomputed with ${manifest.kind} computation v${manifest.computation.version}${versionNote}: ${result.figures} figures identical`,
    });
  else if (result.status === 'differs')
    fail(`recomputed with ${manifest.kind} computation v${manifest.computation.version}${versionNote}: first figure that differs: ${result.message}`);
  else {
    const withheld =
      result.file && manifest.private.length ? ` (withheld by the program, listed by hash only: ${manifest.private.map((p) => p.what.en).join('; ')})` : '';
    const line = `cannot recompute: ${result.message}${withheld}`;
    if (tampered || withheld) fail(line);
    else return { verdict: 'unreadable', manifest, checks, problem: line, result };
  }
  return tampered ? { verdict: 'differs', manifest, checks, problem: tampered, result } : { verdict: 'identical', manifest, checks, result };
}

/** A trusted key given as a key id (hex) or a PEM public key. */
function normaliseKey(key: string): string {
  const k = key.trim();
  if (/^[0-9a-f]{64}$/i.test(k)) return k.toLowerCase();
  try {
    return keyIdOf(createPublicKey(k));
  } catch {
    return k;
  }
}
