import type { DeliverabilityConfig } from '@cairn/config';

type BounceAddress = DeliverabilityConfig['bounceAddress'];

// Invitation ids are uuids; nothing else is ever encoded in the envelope sender.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The envelope sender of one invitation's email (VERP): `bounces+<invitation id>@domain`; null without BOUNCE_ADDRESS. */
export function verpAddress(bounce: BounceAddress, invitationId: string): string | null {
  return bounce ? `${bounce.local}+${invitationId}@${bounce.domain}` : null;
}

/** The invitation id a report was addressed to, or null for any address outside the VERP space. */
export function parseVerp(bounce: BounceAddress, address: string): string | null {
  if (!bounce) return null;
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== bounce.domain) return null;
  const local = address.slice(0, at);
  const prefix = `${bounce.local}+`;
  if (local.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const code = local.slice(prefix.length).toLowerCase();
  return UUID.test(code) ? code : null;
}

/** The bare BOUNCE_ADDRESS (feedback loops registered once report there, without an invitation in the address). */
export function isBounceMailbox(bounce: BounceAddress, address: string): boolean {
  return bounce !== null && address.toLowerCase() === `${bounce.local}@${bounce.domain}`.toLowerCase();
}

/** The invitation a survey email's Message-ID names (`<id@domain>` or `<id.reminder@domain>`), or null. */
export function invitationOfMessageId(messageId: string | null): string | null {
  const match = /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.reminder)?@[^>\s]+>$/i.exec(messageId ?? '');
  return match ? match[1].toLowerCase() : null;
}
