// Calendar buckets (day, ISO week, month) in the viewer's time zone. A
// Stockholm "day" in late March is 23 hours long, so buckets are found from
// local calendar dates, never by adding fixed durations to an instant.
import { DAY_MS, HOUR_MS, type LocalDate, localDate, offsetAt, startOfLocalDay } from './zone-clock.js';

export type BucketInterval = 'day' | 'week' | 'month';

export function bucketStart(date: Date, interval: BucketInterval, timeZone: string): Date {
  const first = firstDayOfBucket(localDate(instantOf(date), timeZone), interval);
  return new Date(startOfLocalDay(first.year, first.month, first.day, timeZone));
}

// Starts of every bucket overlapping [since, until): the first one may begin
// before `since`, as a partial bucket still belongs on the chart.
export function bucketRange(since: Date, until: Date, interval: BucketInterval, timeZone: string): Date[] {
  const end = instantOf(until);
  const starts: Date[] = [];
  if (instantOf(since) >= end) return starts;
  let day = firstDayOfBucket(localDate(instantOf(since), timeZone), interval);
  for (;;) {
    const start = startOfLocalDay(day.year, day.month, day.day, timeZone);
    if (start >= end) return starts;
    // A local day can be skipped entirely (Pacific/Apia, 2011-12-30) and then
    // starts where the next one does; keep a single bucket for that instant.
    const last = starts[starts.length - 1];
    if (!last || start > last.getTime()) starts.push(new Date(start));
    day = nextDay(day, interval);
  }
}

// Hourly UTC rollups can only be regrouped into local days when every local
// midnight falls on a whole UTC hour, i.e. the zone's offset is whole hours
// throughout the range. The offset is sampled daily (and at the last instant),
// which could only miss an offset that a zone held for less than a day.
export function isWholeHourZone(timeZone: string, since: Date, until: Date): boolean {
  const start = instantOf(since);
  const end = Math.max(instantOf(until) - 1, start);
  for (let t = start; ; t = Math.min(t + DAY_MS, end)) {
    if (offsetAt(t, timeZone) % HOUR_MS !== 0) return false;
    if (t === end) return true;
  }
}

function firstDayOfBucket(d: LocalDate, interval: BucketInterval): LocalDate {
  if (interval === 'month') return { ...d, day: 1 };
  if (interval === 'day') return d;
  // ISO weeks start on Monday; getUTCDay() counts from Sunday = 0.
  const sinceMonday = (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
  return normalise({ ...d, day: d.day - sinceMonday });
}

function nextDay(d: LocalDate, interval: BucketInterval): LocalDate {
  if (interval === 'month') return normalise({ year: d.year, month: d.month + 1, day: 1 });
  return normalise({ ...d, day: d.day + (interval === 'week' ? 7 : 1) });
}

function normalise(d: LocalDate): LocalDate {
  const u = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate() };
}

function instantOf(date: Date): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  return t;
}
