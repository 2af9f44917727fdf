// Labelled synthetic data for key driver analysis: a known structure the analysis must recover. Each person has a
// latent experience per touchpoint (standard normal); the relationship answer is a weighted sum of them plus noise,
// so the truth is known: `strong` drives it most, the twins `twinA`/`twinB` (correlated ≈ .95, one experience seen
// twice) drive it together, `weak` a little, `none` not at all. Answers are cut to each metric's scale; a share of
// touchpoint answers is missing at random. Comments: people with a bad `strong` experience often mention `delivery`;
// `price` is mentioned at random (no effect). Deterministic per seed (mulberry32).
import type { Metric } from '@cairn/scoring';

export type SyntheticKey = 'strong' | 'weak' | 'none' | 'twinA' | 'twinB';

export interface SyntheticTouchpoint {
  key: SyntheticKey;
  metric: Metric;
  /** Outcome weight of its latent experience (the truth). */
  weight: number;
  /** Where its answers sit on its scale (mean of the latent 0 maps here) and how far one SD reaches. */
  centre: number;
  spread: number;
}

export const SYNTHETIC_TOUCHPOINTS: SyntheticTouchpoint[] = [
  // Strong driver, answered badly on average: the one to fix first.
  { key: 'strong', metric: 'csat', weight: 1, centre: 2.8, spread: 1.1 },
  { key: 'weak', metric: 'nps', weight: 0.3, centre: 6.5, spread: 2 },
  { key: 'none', metric: 'ces', weight: 0, centre: 5, spread: 1.2 },
  // The twins share one latent experience (weight .6 in total), each seen with a little noise of its own.
  { key: 'twinA', metric: 'nps', weight: 0.3, centre: 8.5, spread: 1.6 },
  { key: 'twinB', metric: 'nps', weight: 0.3, centre: 8.3, spread: 1.6 },
];

/** The truth the analysis should recover: most important first (the twins in either order), and what is real. */
export const TRUTH = {
  order: [['strong'], ['twinA', 'twinB'], ['weak'], ['none']] as SyntheticKey[][],
  significant: { strong: true, twinA: true, twinB: true, weak: true, none: false } as Record<SyntheticKey, boolean>,
  themes: { delivery: 'negative', price: 'none' } as Record<string, 'negative' | 'none'>,
};

export interface SyntheticPerson {
  /** Relationship answer, NPS 0–10. */
  outcome: number;
  answers: Partial<Record<SyntheticKey, number>>;
  themes: string[];
}

export interface SyntheticOptions {
  seed: number;
  people?: number;
  /** Probability that a touchpoint answer is missing. */
  missing?: number;
}

const SCALE: Record<Metric, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export function syntheticPeople({ seed, people = 500, missing = 0.2 }: SyntheticOptions): SyntheticPerson[] {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out: SyntheticPerson[] = [];
  for (let i = 0; i < people; i++) {
    const shared = normal();
    const latent: Record<SyntheticKey, number> = {
      strong: normal(),
      weak: normal(),
      none: normal(),
      twinA: 0.97 * shared + 0.243 * normal(),
      twinB: 0.97 * shared + 0.243 * normal(),
    };
    const y = latent.strong * 1 + latent.weak * 0.3 + shared * 0.6 + normal() * 0.9;
    const outcome = clamp(Math.round(7 + 1.6 * y), 0, 10);
    const answers: Partial<Record<SyntheticKey, number>> = {};
    for (const t of SYNTHETIC_TOUCHPOINTS) {
      if (random() < missing) continue;
      const [lo, hi] = SCALE[t.metric];
      answers[t.key] = clamp(Math.round(t.centre + t.spread * latent[t.key]), lo, hi);
    }
    const themes: string[] = [];
    if (answers.strong !== undefined && latent.strong < -0.5 && random() < 0.7) themes.push('delivery');
    if (random() < 0.15) themes.push('price');
    out.push({ outcome, answers, themes });
  }
  return out;
}

/** Whether an importance ranking (keys, most important first) agrees with the truth (twins in either order). */
export function orderMatches(ranking: SyntheticKey[]): boolean {
  let at = 0;
  for (const group of TRUTH.order) {
    const got = ranking.slice(at, at + group.length);
    if ([...got].sort().join() !== [...group].sort().join()) return false;
    at += group.length;
  }
  return true;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
