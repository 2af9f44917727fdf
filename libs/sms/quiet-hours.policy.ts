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

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const l = localTime(at, timeZone);
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * Null when a text may go out at `now` in `timeZone`; otherwise the instant quiet hours end (08:00 local, the same
 * morning before 08:00, the next one from 21:00). Daylight-saving changes overnight are taken into account.
 */
export function quietUntil(now: Date, timeZone: string): Date | null {
  const local = localTime(now, timeZone);
  if (local.hour >= QUIET_UNTIL_HOUR && local.hour < QUIET_FROM_HOUR) return null;
  const nextDay = local.hour >= QUIET_FROM_HOUR ? 1 : 0;
  const morningWall = Date.UTC(local.year, local.month - 1, local.day + nextDay, QUIET_UNTIL_HOUR);
  // The offset at 08:00 may differ from now's (a DST change in the night): correct once with the offset then.
  const first = morningWall - offsetMs(now, timeZone);
  return new Date(morningWall - offsetMs(new Date(first), timeZone));
}

/** The zone quiet hours are read in: the person's `timezone` property when it is a known zone, else the workspace's. */
export function recipientTimeZone(personProperties: unknown, workspaceTimeZone: string): string {
  const own = (personProperties as Record<string, unknown> | null)?.timezone;
  return usableTimeZone(own) ?? usableTimeZone(workspaceTimeZone) ?? 'UTC';
}
