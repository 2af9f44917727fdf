import { offsetAt } from '@cairn/scoring';
/** No survey text between these local hours: 21:00 up to 08:00 the next morning. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

/** An IANA zone the runtime knows, else UTC (a person's `timezone` property is free text). */
export function usableTimeZone(zone: unknown): string | null {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/**
 * Null when a text may go out at `now` in `timeZone`; otherwise the instant quiet hours end (08:00 local, the same
 * morning before 08:00, the next one from 21:00). Daylight-saving changes overnight are taken into account.
 */
export function quietUntil(now: Date, timeZone: string): Date | null {
  // The wall clock, written as if it were UTC.
  const local = new Date(now.getTime() + offsetAt(now.getTime(), timeZone));
  const hour = local.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return null;
  const nextDay = hour >= QUIET_FROM_HOUR ? 1 : 0;
  const morningWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + nextDay, QUIET_UNTIL_HOUR);
  // The offset at 08:00 may differ from now's (a DST change in the night): correct once with the offset then.
  const first = morningWall - offsetAt(now.getTime(), timeZone);
  return new Date(morningWall - offsetAt(first, timeZone));
}

/** The zone quiet hours are read in: the person's `timezone` property when it is a known zone, else the workspace's. */
export function recipientTimeZone(personProperties: unknown, workspaceTimeZone: string): string {
  const own = (personProperties as Record<string, unknown> | null)?.timezone;
  return usableTimeZone(own) ?? usableTimeZone(workspaceTimeZone) ?? 'UTC';
}
