// Delighted's `groups[]` of GET /metrics.json: which channel an answer came through. Cairn records the same fact as
// the response's source; this is the one place that says which source is which group. Sources Delighted had no
// group for (answers made through the API, imported history) are in no group: counted only when no groups are asked.
import type { ResponseSource } from '@cairn/database';

export const DELIGHTED_GROUPS = ['email', 'sms', 'web', 'kiosk', 'link'] as const;
export type DelightedGroup = (typeof DELIGHTED_GROUPS)[number];

const GROUP_OF: Record<ResponseSource, DelightedGroup | null> = {
  email: 'email',
  web: 'web',
  app: 'web',
  api: null,
  import: null,
  sms: 'sms',
  kiosk: 'kiosk',
  // The touchpoint's public page (/t/:key) a QR code opens is a shared link, as Delighted's Link platform was.
  qr: 'link',
};

export function delightedGroupOf(source: ResponseSource): DelightedGroup | null {
  return GROUP_OF[source] ?? null;
}

/** The sources whose answers belong to any of these groups (for the query). */
export function sourcesOfGroups(groups: readonly DelightedGroup[]): ResponseSource[] {
  return (Object.keys(GROUP_OF) as ResponseSource[]).filter((source) => {
    const group = delightedGroupOf(source);
    return group !== null && groups.includes(group);
  });
}
