import { isIP } from 'node:net';
import { sha256Hex } from '@cairn/common';

export interface LoginLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * Who may try a password how often. Every attempt is counted before the
 * password is checked (a parallel burst cannot slip past a read-then-write
 * check); a successful login gives its own count back, so only failures add up.
 *
 * - per address: one client guessing across many accounts;
 * - per address and email: one client guessing one account. This is the
 *   lock-out: it stops the guesser only, never the account's owner elsewhere;
 * - per email, all addresses together: a slow, much higher cap on a
 *   distributed guess (a botnet), which is the only way to lock an account.
 *   Addresses the account signed in from lately are exempt from it, so even
 *   a botnet cannot keep the real user out of their usual place.
 */
export const LOGIN_LIMITS = {
  perAddress: { limit: 50, windowSeconds: 15 * 60 },
  perAddressAndEmail: { limit: 10, windowSeconds: 15 * 60 },
  perEmail: { limit: 500, windowSeconds: 60 * 60 },
} satisfies Record<string, LoginLimit>;

/** How long an address stays "known" for an account after a successful login there. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

/**
 * The unit a client is counted by: an IPv4 address, or the /64 of an IPv6 one
 * (one subscriber gets a whole /64 and could rotate through it for free).
 */
export function addressKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1];
  if (isIP(bare) !== 6) return bare;
  const [head, tail = ''] = bare.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = bare.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = bare.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Redis key parts (after the prefix); hashed so no email address (PII) sits in Redis. */
export function loginKeys(ip: string, email: string) {
  const address = addressKey(ip);
  const emailId = sha256Hex(`cairn-login:${email}`);
  return {
    address: ['login', 'a', address],
    addressAndEmail: ['login', 'ae', sha256Hex(`${address}|${emailId}`)],
    email: ['login', 'e', emailId],
    known: ['login', 'k', emailId],
    addressId: sha256Hex(address).slice(0, 32),
  };
}
