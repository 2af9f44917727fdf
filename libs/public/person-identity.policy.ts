import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a widget says about its visitor; only `userHash` makes any of it believable. */
export interface ClaimedPerson {
  externalId?: string;
  email?: string;
  userHash?: string;
}

/** The one identifier the site signed: the person is found or created by it alone. */
export type SignedIdentity = { externalId: string; email?: undefined } | { email: string; externalId?: undefined };

export type IdentityVerdict = { kind: 'anonymous' } | { kind: 'signed'; identity: SignedIdentity } | { kind: 'refused'; reason: string };

/** hex HMAC-SHA256(secret, value): what the site's server computes for the visitor it renders the widget for. */
export function userHashOf(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

/**
 * The publishable key is public, so a person named in a widget answer counts
 * only when the site signed them (Intercom-style identity verification). The
 * signature covers externalId when one is sent, else the email, exactly as
 * sent. No hash: the answer is anonymous. A hash that does not verify is
 * refused, so the site notices its bug instead of losing attribution quietly.
 */
export function verifyIdentity(person: ClaimedPerson | undefined, secret: string | null): IdentityVerdict {
  if (!person?.userHash) return { kind: 'anonymous' };
  const signed = person.externalId ?? person.email;
  if (signed === undefined)
    return { kind: 'refused', reason: 'person.userHash signs person.externalId or person.email, and neither was sent' };
  if (secret === null)
    return { kind: 'refused', reason: 'Identity verification is not set up for this workspace (create an identity secret first)' };
  const expected = Buffer.from(userHashOf(secret, signed), 'hex');
  const given = Buffer.from(person.userHash.toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'refused', reason: `person.userHash does not match person.${person.externalId !== undefined ? 'externalId' : 'email'}` };
  }
  return { kind: 'signed', identity: person.externalId !== undefined ? { externalId: signed } : { email: signed } };
}
