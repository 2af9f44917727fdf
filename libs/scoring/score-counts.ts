// Answers arrive pre-aggregated as score → count, so a period's whole
// distribution is a few numbers no matter how many responses it holds.
import { type Metric, SCALES } from './metric-scales.js';
import { safeSqrt } from './stats.js';

// Score value → number of answers with that score. Skipped answers are
// simply absent, which is why they can never count towards n.
export type ScoreCounts = Record<number, number>;

export interface DistributionEntry {
  score: number;
  count: number;
}

// Every value of the scale, zeros included, so charts need no gap filling.
// Throws on keys outside the scale or counts that are not whole numbers:
// silently dropping them would make n lie.
export function toDistribution(metric: Metric, counts: ScoreCounts): DistributionEntry[] {
  const { min, max } = SCALES[metric];
  for (const [key, count] of Object.entries(counts)) {
    const score = Number(key);
    if (!Number.isInteger(score) || score < min || score > max) {
      throw new RangeError(`score ${key} is outside the ${metric} scale ${min}–${max}`);
    }
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`count for score ${key} must be a non-negative integer, got ${String(count)}`);
    }
  }
  const out: DistributionEntry[] = [];
  for (let score = min; score <= max; score++) out.push({ score, count: counts[score] ?? 0 });
  return out;
}

// Adds up several periods or touchpoints, e.g. a journey stage made of many
// touchpoints, before computing one score for all of them.
export function mergeCounts(...all: ScoreCounts[]): ScoreCounts {
  const merged: ScoreCounts = {};
  for (const counts of all) {
    for (const [key, count] of Object.entries(counts)) {
      const score = Number(key);
      merged[score] = (merged[score] ?? 0) + count;
    }
  }
  return merged;
}

export interface Moments {
  n: number;
  mean: number | null;
  // Sample standard deviation (n − 1): the answers are a sample of everyone
  // who could have answered. Null below two answers.
  sd: number | null;
}

export function moments(distribution: DistributionEntry[]): Moments {
  let n = 0;
  let sum = 0;
  for (const { score, count } of distribution) {
    n += count;
    sum += score * count;
  }
  if (n === 0) return { n, mean: null, sd: null };
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null };
  let squares = 0;
  for (const { score, count } of distribution) squares += count * (score - mean) ** 2;
  return { n, mean, sd: safeSqrt(squares / (n - 1)) };
}

export function countWhere(distribution: DistributionEntry[], test: (score: number) => boolean): number {
  return distribution.reduce((sum, e) => (test(e.score) ? sum + e.count : sum), 0);
}
