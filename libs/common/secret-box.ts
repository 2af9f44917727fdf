import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Secrets Cairn must use in clear later (to sign with), kept encrypted at rest: AES-256-GCM under CAIRN_SECRETS_KEY
// (any string of 32+ characters; its SHA-256 is the key). Stored as `v1.<iv>.<tag>.<ciphertext>`, base64url.
const VERSION = 'v1';

function keyOf(secretsKey: string): Buffer {
  return createHash('sha256').update(`cairn-secret-box:${secretsKey}`).digest();
}

export function sealSecret(secretsKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretsKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plaintext; throws when the value was sealed under another key or was altered. */
export function openSecret(secretsKey: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretsKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
