// since/until/tz of every score request. Date-only values mean local midnight
// in the requested zone, so "since=2026-03-01&tz=Europe/Stockholm" is the
// first instant of 1 March on a Stockholm wall clock.
import { BadRequestException } from '@nestjs/common';
import { localDate, startOfLocalDay } from '@cairn/scoring';

export interface TimeRange {
  since: Date;
  until: Date;
  tz: string;
}

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_DAYS = 30;
// Five calendar years including a leap day; beyond that a request is more
// likely a typo than a question, and it would only load the database.
export const MAX_RANGE_MS = (5 * 365 + 2) * DAY_MS;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(3000, 0, 1);

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

// Building a DateTimeFormat to canonicalise a zone cost ~0.3 ms per score
// read; valid spellings are few, so they are remembered (bounded, as the
// input comes from requests).
const canonicalZones = new Map<string, string>();
const MAX_REMEMBERED_ZONES = 2000;

export function parseTimeZone(raw: string | undefined): string {
  if (raw === undefined) return 'UTC';
  const known = canonicalZones.get(raw);
  if (known !== undefined) return known;
  let zone: string;
  try {
    // Canonical name (e.g. "europe/stockholm" → "Europe/Stockholm").
    zone = new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new BadRequestException(`tz must be an IANA time zone such as Europe/Stockholm, got "${raw}"`);
  }
  if (canonicalZones.size < MAX_REMEMBERED_ZONES) canonicalZones.set(raw, zone);
  return zone;
}

export function parseInstant(name: string, raw: string, tz: string): Date {
  const date = DATE_ONLY.exec(raw);
  let t = Number.NaN;
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d && y >= 1970) t = startOfLocalDay(y, m, d, tz);
  } else if (DATE_TIME.test(raw)) {
    t = Date.parse(raw);
  }
  if (Number.isNaN(t)) {
    throw new BadRequestException(
      `${name} must be an ISO-8601 date (2026-03-01) or date-time with an offset (2026-03-01T12:00:00Z), got "${raw}"`,
    );
  }
  if (t < EARLIEST || t >= LATEST) throw new BadRequestException(`${name} must be between 1970 and 2999`);
  return new Date(t);
}

/**
 * Defaults: the last 30 local days including today, i.e. from local midnight
 * 29 days ago to the coming midnight, so day buckets are whole; with only
 * `until`, the 30 × 24 hours before it; with only `since`, up to now.
 */
export function parseTimeRange(q: { since?: string; until?: string; tz?: string }, now: Date): TimeRange {
  const tz = parseTimeZone(q.tz);
  const today = localDate(now.getTime(), tz);
  const localMidnight = (daysFromToday: number) => new Date(startOfLocalDay(today.year, today.month, today.day + daysFromToday, tz));
  let until: Date;
  if (q.until !== undefined) until = parseInstant('until', q.until, tz);
  else until = q.since === undefined ? localMidnight(1) : now;
  let since: Date;
  if (q.since !== undefined) since = parseInstant('since', q.since, tz);
  else since = q.until === undefined ? localMidnight(1 - DEFAULT_RANGE_DAYS) : new Date(until.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (since >= until) throw new BadRequestException('since must be before until');
  if (until.getTime() - since.getTime() > MAX_RANGE_MS) {
    throw new BadRequestException('The range from since to until may span at most 5 years');
  }
  return { since, until, tz };
}
