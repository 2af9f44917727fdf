// Scales, rules and answer buckets of the three metrics. Every other file in
// the scoring module derives its thresholds from here, so a rule changes in
// one place only.

export type Metric = 'nps' | 'csat' | 'ces';

export const METRICS: readonly Metric[] = ['nps', 'csat', 'ces'];

export interface Scale {
  min: number;
  max: number;
}

export const SCALES: Record<Metric, Scale> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

// The range of the score itself (not of an answer): NPS −100..100, CSAT the
// share satisfied in % 0..100, CES the mean 1..7. A touchpoint's target is a
// number on this scale; for all three, higher is better.
export const SCORE_RANGES: Record<Metric, Scale> = {
  nps: { min: -100, max: 100 },
  csat: { min: 0, max: 100 },
  ces: { min: 1, max: 7 },
};

// Stored next to every score so a number read later (export, audit) still
// says how it was computed.
export const RULES: Record<Metric, string> = {
  nps: 'nps: 100·(P−D)/n, promoters 9–10, passives 7–8, detractors 0–6',
  csat: 'csat: 100·S/n, satisfied 4–5, neutral 3, dissatisfied 1–2; also the mean of 1–5',
  ces: 'ces: mean of 1–7; agree 5–7, neutral 4, disagree 1–3',
};

export type NpsBucket = 'promoter' | 'passive' | 'detractor';
export type CsatBucket = 'satisfied' | 'neutral' | 'dissatisfied';
export type CesBucket = 'agree' | 'neutral' | 'disagree';
export interface BucketByMetric {
  nps: NpsBucket;
  csat: CsatBucket;
  ces: CesBucket;
}
export type Bucket = BucketByMetric[Metric];

// top: scores >= top land in the first bucket; bottom: scores <= bottom land
// in the last; anything between is the middle bucket.
const BANDS: { [M in Metric]: { top: number; bottom: number; names: [BucketByMetric[M], BucketByMetric[M], BucketByMetric[M]] } } = {
  nps: { top: 9, bottom: 6, names: ['promoter', 'passive', 'detractor'] },
  csat: { top: 4, bottom: 2, names: ['satisfied', 'neutral', 'dissatisfied'] },
  ces: { top: 5, bottom: 3, names: ['agree', 'neutral', 'disagree'] },
};

// Takes unknown so it can guard values straight from a request body.
export function isValidScore(metric: Metric, score: unknown): score is number {
  const scale = SCALES[metric];
  return Number.isInteger(score) && (score as number) >= scale.min && (score as number) <= scale.max;
}

export function bucketOf<M extends Metric>(metric: M, score: number): BucketByMetric[M] {
  if (!isValidScore(metric, score)) {
    throw new RangeError(`${String(score)} is not a valid ${metric} score`);
  }
  const band = BANDS[metric];
  if (score >= band.top) return band.names[0];
  if (score <= band.bottom) return band.names[2];
  return band.names[1];
}
