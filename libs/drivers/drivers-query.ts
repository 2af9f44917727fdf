import { BadRequestException } from '@nestjs/common';
import { parseTimeRange, type RawQuery, type TimeRange } from '@cairn/scores';

export interface DriversQuery extends TimeRange {
  windowDays: number;
}

/**
 * How long before a relationship answer a touchpoint answer still counts: a quarter, about the gap between two
 * relationship surveys, so the touchpoints one answer reflects are the ones since the last time the person was asked.
 */
export const DEFAULT_WINDOW_DAYS = 90;
const MAX_WINDOW_DAYS = 365;
const KNOWN = ['since', 'until', 'tz', 'windowDays'];

/** since/until/tz as every score read takes them; windowDays 1–365. Anything else → 400. */
export function parseDriversQuery(q: RawQuery, now: Date): DriversQuery {
  const unknown = Object.keys(q).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) throw new BadRequestException(`Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  for (const k of KNOWN) {
    if (q[k] !== undefined && typeof q[k] !== 'string') throw new BadRequestException(`${k} must be given once`);
  }
  let windowDays = DEFAULT_WINDOW_DAYS;
  if (q.windowDays !== undefined) {
    windowDays = Number(q.windowDays);
    if (!/^\d+$/.test(q.windowDays as string) || windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
      throw new BadRequestException(`windowDays must be a whole number from 1 to ${MAX_WINDOW_DAYS}, got "${String(q.windowDays)}"`);
    }
  }
  const range = parseTimeRange(
    { since: q.since as string | undefined, until: q.until as string | undefined, tz: q.tz as string | undefined },
    now,
  );
  return { ...range, windowDays };
}
