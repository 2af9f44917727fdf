import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A url-safe random token; 24 bytes = 192 bits, above the 128-bit floor. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** How an address is remembered after erasure or for suppression look-ups. */
export function emailHash(email: string): string {
  return sha256Hex(`cairn-email:${normalizeEmail(email)}`);
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
