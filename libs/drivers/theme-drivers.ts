// Themes as drivers: do the people whose touchpoint comments mention a theme give a lower relationship score than the
// people whose comments do not? Difference of the two groups' mean relationship scores, Welch's t-test (unequal
// variances, fractional degrees of freedom) for its 95 % interval and p-value. Pure, like key-drivers.ts.
import { mean, sampleVariance } from 'simple-statistics';
import { type Interval, tCritical95, tTwoSidedP } from '@cairn/scoring';

export interface ThemeRespondent {
  outcome: number;
  /** Theme keys found in any of the person's touchpoint comments in the window. */
  themes: ReadonlySet<string>;
}

export interface ThemeDriver {
  theme: string;
  /** People who mentioned the theme. */
  n: number;
  nWithout: number;
  meanWith: number;
  meanWithout: number | null;
  /** meanWith − meanWithout: negative when the theme goes with lower relationship scores. */
  difference: number | null;
  ci95: Interval | null;
  pValue: number | null;
  significant: boolean;
  lowN: boolean;
}

// Mentions (and non-mentions) a theme needs before it gets a verdict: Welch's interval is trustworthy from about
// ten per group for bounded scores like 0–10; themes are rarer than touchpoint answers, so 30 would hide most.
export const MIN_THEME_N = 10;

export function themeDrivers(respondents: ThemeRespondent[], minN = MIN_THEME_N, alpha = 0.05): ThemeDriver[] {
  const themes = new Set<string>();
  for (const r of respondents) for (const t of r.themes) themes.add(t);
  const out: ThemeDriver[] = [];
  for (const theme of themes) {
    const withT = respondents.filter((r) => r.themes.has(theme)).map((r) => r.outcome);
    const without = respondents.filter((r) => !r.themes.has(theme)).map((r) => r.outcome);
    const welch = welchTest(withT, without);
    const lowN = withT.length < minN || without.length < minN;
    out.push({
      theme,
      n: withT.length,
      nWithout: without.length,
      meanWith: mean(withT),
      meanWithout: without.length > 0 ? mean(without) : null,
      difference: without.length > 0 ? mean(withT) - mean(without) : null,
      ci95: welch?.ci95 ?? null,
      pValue: welch?.pValue ?? null,
      significant: !lowN && welch !== null && welch.pValue < alpha,
      lowN,
    });
  }
  // The themes that cost the most first; those without a verdict after them.
  return out.sort((a, b) => Number(a.lowN) - Number(b.lowN) || (a.difference ?? Infinity) - (b.difference ?? Infinity) || b.n - a.n);
}

export interface WelchTest {
  difference: number;
  ci95: Interval;
  pValue: number;
  df: number;
}

/** mean(a) − mean(b) with Welch's test; null when a group has fewer than 2 values or neither varies. */
export function welchTest(a: number[], b: number[]): WelchTest | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const difference = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  if (se === 0) return null;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = tCritical95(df) * se;
  return { difference, ci95: [difference - half, difference + half], pValue: tTwoSidedP(difference / se, df), df };
}
