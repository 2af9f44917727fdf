// Wall-clock arithmetic in IANA time zones with nothing but Intl: the runtime
// already ships the tz database, and a dependency would be one more thing
// whose data can drift from it.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

// Building a DateTimeFormat costs far more than using one; bucket ranges call
// this thousands of times for the same few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Local wall time of an instant, expressed as if it were a UTC timestamp.
function wallTime(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) p[type] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

// Milliseconds to add to UTC to get local time (Stockholm in summer: +2 h).
// Seconds precision because historical local mean times are not whole minutes.
export function offsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallTime(wholeSecond, timeZone) - wholeSecond;
}

export function localDate(instant: number, timeZone: string): LocalDate {
  const d = new Date(instant + offsetAt(instant, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// First instant of a local calendar day. Out-of-range parts roll over like
// Date.UTC (day 0 = last day of the previous month), which callers rely on.
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const midnight = Date.UTC(year, month - 1, day);
  // A wall time maps to 0, 1 or 2 instants; the offsets in force a day either
  // side are the only ones it can have (zones change at most once a day).
  const before = offsetAt(midnight - DAY_MS, timeZone);
  const after = offsetAt(midnight + DAY_MS, timeZone);
  // Same offset on both sides: no transition near this midnight (that would
  // take two within two days), so skip the checks below, which double the cost.
  if (before === after) return midnight - before;
  const fits = [midnight - before, midnight - after].filter((t) => offsetAt(t, timeZone) === midnight - t);
  // Two fits: clocks went back over midnight, so the day began at the first.
  if (fits.length > 0) return Math.min(...fits);
  // None: a DST jump skipped midnight (America/Santiago in September). The
  // day begins at the jump, somewhere between the two candidates.
  let lo = midnight - after;
  let hi = midnight - before;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetAt(mid, timeZone) >= midnight) hi = mid;
    else lo = mid;
  }
  return hi;
}
