import { randomBytes } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 v7), like the ids Prisma generates. Made in the process
 * because an event's stored 202 answer names its invitations before they are
 * inserted, which saves a round trip per event. Imports pass the answer's own time, which may be
 * anything a source system sent: held to what 48 bits of milliseconds can say, never a thrown error.
 */
export function uuid7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Math.min(Math.max(Math.trunc(now), 0), 2 ** 48 - 1), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
