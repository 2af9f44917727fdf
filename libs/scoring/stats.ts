// Small numeric helpers shared by the calculators. Kept apart so each formula
// can be tested against hand-computed values on its own.

export type Interval = [number, number];

// Two-sided 95% critical value of the standard normal distribution.
export const Z95 = 1.96;

// Half-away-from-zero, so −0.05 and 0.05 round symmetrically; the epsilon
// absorbs binary artefacts such as (2.075 − 3)/2 = −0.46249999999999991.
export function roundTo(x: number, digits: number): number {
  const factor = 10 ** digits;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * factor + 1e-9)) / factor;
  return r === 0 ? 0 : r; // never hand out −0: it prints as "-0" in some places
}

export function round1(x: number): number {
  return roundTo(x, 1);
}

export function round1Interval(ci: Interval | null): Interval | null {
  return ci && [round1(ci[0]), round1(ci[1])];
}

export function clampInterval([lo, hi]: Interval, min: number, max: number): Interval {
  return [Math.min(Math.max(lo, min), max), Math.min(Math.max(hi, min), max)];
}

// Float subtraction can leave a tiny negative variance when the true value is
// 0 (e.g. all answers identical); sqrt would then give NaN.
export function safeSqrt(x: number): number {
  return Math.sqrt(Math.max(0, x));
}

// Wilson score interval for a proportion, as fractions in [0, 1]. Chosen over
// the plain normal interval because it stays inside [0, 1] and does not
// collapse to a point at 0% or 100%.
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * safeSqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return clampInterval([centre - half, centre + half], 0, 1);
}
