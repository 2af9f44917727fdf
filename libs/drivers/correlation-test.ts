// Pearson's r of two paired samples and its significance: t = r·√(n−2)/√(1−r²) with n−2 degrees of freedom.
import { sampleCorrelation } from 'simple-statistics';
import { tTwoSidedP } from '@cairn/scoring';

export interface CorrelationTest {
  r: number;
  pValue: number;
}

/** Null with fewer than 3 pairs or when either side does not vary (r is undefined then). */
export function correlationTest(x: number[], y: number[]): CorrelationTest | null {
  const n = x.length;
  if (n < 3 || !varies(x) || !varies(y)) return null;
  const r = Math.max(-1, Math.min(1, sampleCorrelation(x, y)));
  return { r, pValue: correlationPValue(r, n) };
}

export function correlationPValue(r: number, n: number): number {
  if (Math.abs(r) >= 1) return 0;
  return tTwoSidedP((r * Math.sqrt(n - 2)) / Math.sqrt(1 - r * r), n - 2);
}

function varies(xs: number[]): boolean {
  return xs.some((x) => x !== xs[0]);
}
