// Public API of the scoring module: all metric maths of Cairn lives behind it.
export {
  type Metric,
  type Scale,
  type Bucket,
  type BucketByMetric,
  type NpsBucket,
  type CsatBucket,
  type CesBucket,
  METRICS,
  SCALES,
  SCORE_RANGES,
  RULES,
  isValidScore,
  bucketOf,
} from './metric-scales.js';
export { type ScoreCounts, type DistributionEntry, mergeCounts } from './score-counts.js';
export type { ScoreResult, NpsResult, CsatResult, CesResult, ResultOf, RawValues, ComputeOptions } from './score-result.js';
export { computeScore, DEFAULT_MIN_RELIABLE_N } from './score-calculator.js';
export { type ScoreComparison, compareScores } from './score-comparison.js';
export { emotionValue, combinedEmotion } from './emotion.js';
export { type BucketInterval, bucketStart, bucketRange, isWholeHourZone } from './time-buckets.js';
export { type Interval, Z95 } from './stats.js';
export * from './rollup.repository';
export { roundTo } from './stats';
export { tCritical95, tTwoSidedP } from './student-t';
export * from './zone-clock';
export * from './scoring.module';
export * from './rollup-folder.service';
