import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The office's Ed25519 key for signing result bundles. Never in a database row: taken from
 * STAGEGATE_SIGNING_KEY (a PEM, or the path of one) when several processes must share it, else a
 * 0600 file in the data folder created on first use. An in-memory database gets a key that lives
 * as long as the process (tests and throw-away demos).
 */
export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the public key's DER (SPKI) bytes, in hex: what the public page shows */
  keyId: string;
}

export const SIGNING_KEY_FILE = 'keys/result-signing-key.pem';

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the result-signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

const processKeys = new Map<string, SigningKey>();

async function fileKey(path: string): Promise<SigningKey> {
  try {
    return fromPrivate(createPrivateKey(await readFile(path, 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // `wx`: a second process creating the key at the same moment keeps the first one's
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  await chmod(path, 0o600);
  return fromPrivate(createPrivateKey(await readFile(path, 'utf8')));
}

export async function loadSigningKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SigningKey> {
  const configured = env.STAGEGATE_SIGNING_KEY?.trim();
  if (configured) {
    const pem = configured.startsWith('-----BEGIN') ? configured : await readFile(configured, 'utf8');
    return fromPrivate(createPrivateKey(pem));
  }
  if (dataDir.startsWith('memory://')) {
    let key = processKeys.get(dataDir);
    if (!key) processKeys.set(dataDir, (key = fromPrivate(generateKeyPairSync('ed25519').privateKey)));
    return key;
  }
  return fileKey(join(dataDir, SIGNING_KEY_FILE));
}

export const signBytes = (key: SigningKey, bytes: Buffer): string => sign(null, bytes, key.privateKey).toString('base64');

export function verifySignature(publicKeyPem: string, bytes: Buffer, signatureBase64: string): boolean {
  try {
    return verify(null, bytes, createPublicKey(publicKeyPem), Buffer.from(signatureBase64.trim(), 'base64'));
  } catch {
    return false;
  }
}

let configuredDataDir = 'memory://unconfigured';

/** Called once per process by createContext: where the office's signing key lives. */
export function configureResultSigning(dataDir: string): void {
  configuredDataDir = dataDir;
}

/** The key the office signs with now (read on each publication, so a rotated key file takes effect). */
export const officeSigningKey = (): Promise<SigningKey> => loadSigningKey(configuredDataDir);
