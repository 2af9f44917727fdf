// Validates the query string of GET /scores and GET /journeys/:id/map by hand:
// `segment.<property>` keys are open-ended, which a DTO class cannot describe.
import { BadRequestException } from '@nestjs/common';
import { type BucketInterval, type Metric, METRICS } from '@cairn/scoring';
import { type PropertyFilter, SEGMENT_PREFIX, parseSegments } from './property-filter';
import type { TargetType } from './score-target.repository';
import { type TimeRange, parseTimeRange } from './time-range';

export type RawQuery = Record<string, unknown>;

export interface FilterQuery {
  segments: PropertyFilter[];
  personaId: string | null;
}

export interface ScoreQuery extends TimeRange, FilterQuery {
  target: { type: TargetType; id: string };
  metric: Metric | null;
  interval: BucketInterval;
}

export type MapQuery = TimeRange & FilterQuery;

const INTERVALS: readonly BucketInterval[] = ['day', 'week', 'month'];
const TARGETS: readonly TargetType[] = ['touchpoint', 'stage', 'journey'];
const FILTER_KEYS = ['since', 'until', 'tz', 'persona', 'personaId'];
const DAY_MS = 86_400_000;

export function parseScoreQuery(q: RawQuery, now: Date): ScoreQuery {
  rejectUnknown(q, [...FILTER_KEYS, 'touchpointId', 'stageId', 'journeyId', 'metric', 'interval']);
  const given = TARGETS.filter((t) => q[`${t}Id`] !== undefined);
  if (given.length !== 1) {
    throw new BadRequestException('Give exactly one of touchpointId, stageId or journeyId');
  }
  const type = given[0];
  const range = parseTimeRange(timeFields(q), now);
  const metric = optional(q, 'metric');
  if (metric !== undefined && !METRICS.includes(metric as Metric)) {
    throw new BadRequestException(`metric must be one of ${METRICS.join(', ')}, got "${metric}"`);
  }
  const interval = optional(q, 'interval');
  if (interval !== undefined && !INTERVALS.includes(interval as BucketInterval)) {
    throw new BadRequestException(`interval must be one of ${INTERVALS.join(', ')}, got "${interval}"`);
  }
  return {
    ...range,
    ...filterFields(q),
    target: { type, id: required(q, `${type}Id`) },
    metric: (metric as Metric | undefined) ?? null,
    interval: (interval as BucketInterval | undefined) ?? defaultInterval(range),
  };
}

export function parseMapQuery(q: RawQuery, now: Date): MapQuery {
  rejectUnknown(q, FILTER_KEYS);
  return { ...parseTimeRange(timeFields(q), now), ...filterFields(q) };
}

// About 10–100 points whatever the range: days up to a quarter, weeks up to
// two years, months beyond.
function defaultInterval({ since, until }: TimeRange): BucketInterval {
  const days = (until.getTime() - since.getTime()) / DAY_MS;
  return days <= 92 ? 'day' : days <= 731 ? 'week' : 'month';
}

function timeFields(q: RawQuery) {
  return { since: optional(q, 'since'), until: optional(q, 'until'), tz: optional(q, 'tz') };
}

// `personaId` is the contract's name (api.md, journey map layers); `persona` is the older one, kept for links already shared.
function filterFields(q: RawQuery): FilterQuery {
  const persona = optional(q, 'persona');
  const personaId = optional(q, 'personaId');
  if (persona !== undefined && personaId !== undefined) throw new BadRequestException('Give personaId or persona, not both');
  return { segments: parseSegments(q), personaId: personaId ?? persona ?? null };
}

function rejectUnknown(q: RawQuery, known: string[]): void {
  const unknown = Object.keys(q).filter((k) => !known.includes(k) && !k.startsWith(SEGMENT_PREFIX));
  if (unknown.length > 0) {
    throw new BadRequestException(`Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
}

function optional(q: RawQuery, name: string): string | undefined {
  const value = q[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name} may be given only once`);
  if (value === '') throw new BadRequestException(`${name} must not be empty`);
  return value;
}

function required(q: RawQuery, name: string): string {
  return optional(q, name)!;
}
