// Query of GET /api/v1/dashboard/comments, read by hand like the score
// endpoints: segment.<property> keys are open-ended.
import { BadRequestException } from '@nestjs/common';
import { bucketOf, METRICS, SCALES, type Metric } from '@cairn/scoring';
import { parseSegments, type PropertyFilter, SEGMENT_PREFIX, parseTimeRange, type TimeRange } from '@cairn/scores';

export const BANDS = ['low', 'mid', 'high'] as const;
export type Band = (typeof BANDS)[number];
const KNOWN = ['touchpointId', 'metric', 'since', 'until', 'tz', 'persona', 'band', 'q', 'theme', 'sentiment', 'limit'];
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type SentimentFilter = (typeof SENTIMENTS)[number];
const THEME_KEY = /^[a-z][a-z0-9_]{1,39}$/;

export interface CommentQuery extends TimeRange {
  touchpointId: string;
  metric: Metric | null;
  /** Score values of the requested band (detractors = the bucket at the bottom of the scale, …). */
  scores: number[] | null;
  text: string | null;
  /** Comments analysed as mentioning this theme key (comment analysis). */
  theme: string | null;
  sentiment: SentimentFilter | null;
  limit: number;
  segments: PropertyFilter[];
  personaId: string | null;
}

export function parseCommentQuery(q: Record<string, unknown>, now: Date): CommentQuery {
  const unknown = Object.keys(q).filter((k) => !KNOWN.includes(k) && !k.startsWith(SEGMENT_PREFIX));
  if (unknown.length) throw new BadRequestException(`Unknown query parameter: ${unknown.join(', ')}`);
  const one = (name: string) => {
    const value = q[name];
    if (value !== undefined && typeof value !== 'string') throw new BadRequestException(`${name} may be given only once`);
    return value === '' ? undefined : (value as string | undefined);
  };
  const touchpointId = one('touchpointId');
  if (!touchpointId) throw new BadRequestException('touchpointId is required');
  const metric = one('metric');
  if (metric !== undefined && !METRICS.includes(metric as Metric))
    throw new BadRequestException(`metric must be one of ${METRICS.join(', ')}`);
  const band = one('band');
  if (band !== undefined && !BANDS.includes(band as Band)) throw new BadRequestException(`band must be one of ${BANDS.join(', ')}`);
  if (band && !metric) throw new BadRequestException('band needs metric');
  const text = one('q')?.trim() ?? null;
  if (text && text.length > 100) throw new BadRequestException('q must be at most 100 characters');
  const theme = one('theme') ?? null;
  if (theme !== null && !THEME_KEY.test(theme)) throw new BadRequestException('theme must be a theme key');
  const sentiment = one('sentiment') ?? null;
  if (sentiment !== null && !SENTIMENTS.includes(sentiment as SentimentFilter))
    throw new BadRequestException(`sentiment must be one of ${SENTIMENTS.join(', ')}`);
  const limit = Number(one('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new BadRequestException('limit must be an integer from 1 to 50');
  return {
    ...parseTimeRange({ since: one('since'), until: one('until'), tz: one('tz') }, now),
    touchpointId,
    metric: (metric as Metric | undefined) ?? null,
    scores: band ? scoresOfBand(metric as Metric, band as Band) : null,
    text: text || null,
    theme,
    sentiment: sentiment as SentimentFilter | null,
    limit,
    segments: parseSegments(q),
    personaId: one('persona') ?? null,
  };
}

/** The band of a score is where its bucket sits on the scale: the lowest score's bucket is 'low', the highest's 'high'. */
export function scoresOfBand(metric: Metric, band: Band): number[] {
  const { min, max } = SCALES[metric];
  const all = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const low = bucketOf(metric, min);
  const high = bucketOf(metric, max);
  return all.filter((s) => {
    const bucket = bucketOf(metric, s);
    return band === 'low' ? bucket === low : band === 'high' ? bucket === high : bucket !== low && bucket !== high;
  });
}
