// Shapes returned by computeScore. Display fields are rounded to one decimal;
// `raw` keeps full precision for anything that computes further (period
// comparisons, emotion values, re-aggregation) so rounding never compounds.
import type { Metric, Scale } from './metric-scales.js';
import type { DistributionEntry } from './score-counts.js';
import type { Interval } from './stats.js';

export interface RawValues {
  // Headline value: NPS points, CSAT percent, CES mean. Null when n = 0.
  score: number | null;
  // The same interval as the rounded ci95, before rounding.
  ci95: Interval | null;
  // Standard error of `score`, in its units. NPS: the formula of the metric
  // definition; CSAT: unpooled 100·sqrt(p(1−p)/n); CES: sd/√n (null n < 2).
  se: number | null;
  // Mean answer on the metric's own scale (for NPS the 0–10 mean).
  mean: number | null;
  // Sample standard deviation of the answers (n − 1); null when n < 2.
  sd: number | null;
}

interface BaseResult<M extends Metric> {
  metric: M;
  scale: Scale;
  rule: string;
  n: number;
  score: number | null;
  ci95: Interval | null;
  reliable: boolean;
  distribution: DistributionEntry[];
  raw: RawValues;
}

export interface NpsResult extends BaseResult<'nps'> {
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  se: number | null;
}

export interface CsatResult extends BaseResult<'csat'> {
  satisfied: number;
  csat: number | null;
  mean: number | null;
}

export interface CesResult extends BaseResult<'ces'> {
  mean: number | null;
  agree: number;
  agreePct: number | null;
}

export type ScoreResult = NpsResult | CsatResult | CesResult;
export type ResultOf<M extends Metric> = Extract<ScoreResult, { metric: M }>;

export interface ComputeOptions {
  // Below this many answers the score is still returned but flagged.
  minReliableN?: number;
}
