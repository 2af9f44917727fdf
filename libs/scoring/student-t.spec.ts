import { tCritical95, tTwoSidedP } from './student-t';

describe('tCritical95', () => {
  it('matches the printed table of t(0.975, df)', () => {
    // Standard tables: df 1 → 12.706, 2 → 4.303, 5 → 2.571, 10 → 2.228, 29 → 2.045, 58 → 2.002, 120 → 1.980.
    const table: Array<[number, number]> = [
      [1, 12.7062],
      [2, 4.3027],
      [5, 2.5706],
      [10, 2.2281],
      [29, 2.0452],
      [58, 2.0017],
      [120, 1.9799],
    ];
    for (const [df, t] of table) expect(tCritical95(df)).toBeCloseTo(t, 4);
  });

  it('takes the fractional degrees of freedom of Welch and tends to 1.96', () => {
    const between = tCritical95(10.5);
    expect(between).toBeLessThan(tCritical95(10));
    expect(between).toBeGreaterThan(tCritical95(11));
    expect(tCritical95(1e6)).toBeCloseTo(1.96, 2);
    expect(tCritical95(Infinity)).toBeCloseTo(1.96, 2);
  });

  it('refuses degrees of freedom that are not positive', () => {
    expect(() => tCritical95(0)).toThrow(RangeError);
    expect(() => tCritical95(NaN)).toThrow(RangeError);
  });
});

describe('tTwoSidedP', () => {
  it('matches SciPy 1.17 (2·stats.t.sf(|t|, df)), fractional df included', () => {
    const cases: Array<[number, number, number]> = [
      [3.0550504633038935, 28, 0.004899933667068085],
      [1, 5, 0.3632174676491229],
      [2.5, 10.5, 0.030426272641088575],
      [-2, 40, 0.05232234321504919],
    ];
    for (const [t, df, p] of cases) expect(tTwoSidedP(t, df)).toBeCloseTo(p, 10);
  });

  it('is 1 at t = 0, 0 at infinite t, and refuses df that are not positive', () => {
    expect(tTwoSidedP(0, 3)).toBeCloseTo(1, 12);
    expect(tTwoSidedP(Infinity, 3)).toBe(0);
    expect(() => tTwoSidedP(1, 0)).toThrow(RangeError);
  });
});
