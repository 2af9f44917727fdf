import { correlationPValue, correlationTest } from './correlation-test';
import { keyDrivers, quadrantOf, type DriverTouchpoint, type Respondent } from './key-drivers';
import { nearestCorrelation, relativeWeights } from './relative-weights';
import { welchTest, themeDrivers } from './theme-drivers';

describe('relativeWeights', () => {
  it('three predictors by hand: x1, x2 correlated .6, x3 orthogonal; r with the outcome .5, .3, .2', () => {
    // R = [[1,.6,0],[.6,1,0],[0,0,1]]: eigenvalues 1.6, .4, 1 with vectors (1,1,0)/√2, (1,−1,0)/√2, (0,0,1).
    // Λ = R^½ has the block [[a,b],[b,a]], a = (√1.6+√.4)/2 = .948683 (a² = .9), b = (√1.6−√.4)/2 = .316228 (b² = .1).
    // β = Λ⁻¹r: the block's inverse is [[a,−b],[−b,a]]/(a²−b²) = /.8 → β1 = (.5a − .3b)/.8 = .474342 (β1² = .225),
    // β2 = (.3a − .5b)/.8 = .158114 (β2² = .025), β3 = .2.
    // ε1 = a²β1² + b²β2² = .2025 + .0025 = .205; ε2 = b²β1² + a²β2² = .0225 + .0225 = .045; ε3 = .04; Σ = .29.
    // OLS: R² = rᵀR⁻¹r = (.25 + .09 − 2·.6·.15)/.64 + .04 = .29 ✓; Shapley gives the same here (x1: ½(.25 + .16)).
    const rw = relativeWeights([
      [1, 0.6, 0, 0.5],
      [0.6, 1, 0, 0.3],
      [0, 0, 1, 0.2],
      [0.5, 0.3, 0.2, 1],
    ]);
    expect(rw.weights[0]).toBeCloseTo(0.205, 10);
    expect(rw.weights[1]).toBeCloseTo(0.045, 10);
    expect(rw.weights[2]).toBeCloseTo(0.04, 10);
    expect(rw.r2).toBeCloseTo(0.29, 10);
  });

  it('a general three-predictor case against an independent NumPy computation (numpy.linalg.eigh + solve)', () => {
    // R = [[1,.4,.2],[.4,1,.5],[.2,.5,1]], r = [.5,.4,.3]: NumPy 2 gives ε = [.18787537, .07859805, .04447896] and
    // R² = rᵀR⁻¹r = .31095238; the Shapley values of R² are [.18575, .08159, .04361] (same order, within .003).
    const rw = relativeWeights([
      [1, 0.4, 0.2, 0.5],
      [0.4, 1, 0.5, 0.4],
      [0.2, 0.5, 1, 0.3],
      [0.5, 0.4, 0.3, 1],
    ]);
    expect(rw.weights[0]).toBeCloseTo(0.18787537, 7);
    expect(rw.weights[1]).toBeCloseTo(0.07859805, 7);
    expect(rw.weights[2]).toBeCloseTo(0.04447896, 7);
    expect(rw.r2).toBeCloseTo(0.31095238, 7);
  });

  it('orthogonal predictors: each weight is its squared correlation', () => {
    const rw = relativeWeights([
      [1, 0, 0.4],
      [0, 1, 0.3],
      [0.4, 0.3, 1],
    ]);
    expect(rw.weights[0]).toBeCloseTo(0.16, 10);
    expect(rw.weights[1]).toBeCloseTo(0.09, 10);
  });

  it('two identical predictors split their weight in half instead of one taking it (a null direction is skipped)', () => {
    const rw = relativeWeights([
      [1, 1, 0, 0.6],
      [1, 1, 0, 0.6],
      [0, 0, 1, 0.2],
      [0.6, 0.6, 0.2, 1],
    ]);
    expect(rw.weights[0]).toBeCloseTo(0.18, 8);
    expect(rw.weights[1]).toBeCloseTo(0.18, 8);
    expect(rw.r2).toBeCloseTo(0.4, 8);
  });

  it('an impossible pairwise matrix is made a correlation matrix first, so R² stays within [0, 1]', () => {
    // x1 ~ y .9, x2 ~ y .9, but x1 ~ x2 −.9: no data set has these three at once (negative eigenvalue).
    const bad = [
      [1, -0.9, 0.9],
      [-0.9, 1, 0.9],
      [0.9, 0.9, 1],
    ];
    const fixed = nearestCorrelation(bad);
    for (let i = 0; i < 3; i++) expect(fixed[i][i]).toBeCloseTo(1, 12);
    const rw = relativeWeights(bad);
    expect(rw.r2).toBeGreaterThan(0);
    expect(rw.r2).toBeLessThanOrEqual(1 + 1e-9);
  });
});

describe('correlationTest', () => {
  it('r and its p-value match SciPy 1.17 stats.pearsonr', () => {
    const t = correlationTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 1, 4, 3, 7, 8, 6, 9, 10, 8])!;
    expect(t.r).toBeCloseTo(0.8939939194380749, 12);
    expect(t.pValue).toBeCloseTo(0.0004852404919865093, 10);
  });

  it('r = .5 of 30 pairs: t = .5·√28/√.75 = 3.0551, p = .0049 (SciPy: 0.0048999)', () => {
    expect(correlationPValue(0.5, 30)).toBeCloseTo(0.004899933667068085, 10);
  });

  it('no verdict without a spread or with fewer than 3 pairs', () => {
    expect(correlationTest([3, 3, 3, 3], [1, 2, 3, 4])).toBeNull();
    expect(correlationTest([1, 2], [1, 2])).toBeNull();
  });
});

describe('welchTest', () => {
  it('matches SciPy 1.17 ttest_ind(equal_var=False): difference, 95 % interval and p-value', () => {
    const w = welchTest([2, 3, 4, 5, 6, 3, 2], [7, 8, 9, 8, 7, 9, 10, 6])!;
    expect(w.difference).toBeCloseTo(-4.428571428571429, 12);
    expect(w.df).toBeCloseTo(12.021398002853068, 8);
    expect(w.pValue).toBeCloseTo(5.966019010246117e-5, 10);
    expect(w.ci95[0]).toBeCloseTo(-6.030558808436202, 6);
    expect(w.ci95[1]).toBeCloseTo(-2.826584048706656, 6);
  });
});

describe('themeDrivers', () => {
  it('a theme mentioned by the unhappy comes first with a significant negative difference; a rare theme is flagged', () => {
    const people = [
      ...Array.from({ length: 12 }, (_, i) => ({ outcome: 2 + (i % 3), themes: new Set(['delivery']) })),
      ...Array.from({ length: 21 }, (_, i) => ({ outcome: 8 + (i % 3), themes: new Set(i < 3 ? ['price'] : []) })),
    ];
    const out = themeDrivers(people);
    expect(out.map((t) => t.theme)).toEqual(['delivery', 'price']);
    expect(out[0]).toMatchObject({ n: 12, nWithout: 21, meanWith: 3, meanWithout: 9, difference: -6, significant: true, lowN: false });
    expect(out[1]).toMatchObject({ n: 3, lowN: true, significant: false });
  });
});

describe('keyDrivers', () => {
  const tp = (id: string, normalisedPerformance: number): DriverTouchpoint => ({
    id,
    name: id,
    performance: normalisedPerformance * 100,
    normalisedPerformance,
  });

  it('quadrant names: important + weak = fix_first, important + strong = keep_up, else monitor / maintain', () => {
    expect(quadrantOf(true, false)).toBe('fix_first');
    expect(quadrantOf(true, true)).toBe('keep_up');
    expect(quadrantOf(false, false)).toBe('monitor');
    expect(quadrantOf(false, true)).toBe('maintain');
  });

  it('importance shares add up to 1, a near-identical pair shares its importance, below minN no importance or verdict', () => {
    // Deterministic data: a drives the outcome, a2 is a with one answer in ten changed, b is unrelated noise, c has 5 answers.
    const respondents: Respondent[] = [];
    for (let i = 0; i < 200; i++) {
      const a = i % 11;
      const a2 = i % 10 === 0 ? (a + 1) % 11 : a;
      const b = (i * 7) % 11;
      const outcome = Math.min(10, Math.max(0, a + ((i * 13) % 5) - 2));
      respondents.push({ outcome, scores: [a, a2, b, i < 5 ? i : null] });
    }
    const result = keyDrivers({ touchpoints: [tp('a', -0.2), tp('a2', 0.3), tp('b', 0.1), tp('c', 0)], respondents, minN: 30 });
    const by = Object.fromEntries(result.drivers.map((d) => [d.id, d]));
    expect(by.a.importance! + by.a2.importance! + by.b.importance!).toBeCloseTo(1, 10);
    // Neither twin takes it all: each carries between 35 % and 65 % of the pair's share.
    const pair = by.a.importance! + by.a2.importance!;
    expect(pair).toBeGreaterThan(0.95);
    expect(by.a.importance! / pair).toBeGreaterThan(0.35);
    expect(by.a.importance! / pair).toBeLessThan(0.65);
    expect(by.a).toMatchObject({ n: 200, significant: true, lowN: false, quadrant: 'fix_first' });
    expect(by.a2).toMatchObject({ significant: true, quadrant: 'keep_up' });
    expect(by.b.quadrant).toBe('maintain');
    expect(by.c).toMatchObject({ n: 5, importance: null, significant: false, lowN: true, quadrant: null });
    expect(result.drivers.map((d) => d.id).slice(-1)).toEqual(['c']);
    expect(result.r2).toBeGreaterThan(0.5);
  });
});
