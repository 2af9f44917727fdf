import { computeScore } from './score-calculator';
import { compareScores } from './score-comparison';

describe('compareScores — NPS', () => {
  // Current: 32 P / 13 passives / 6 D, n 51 → NPS 50.980, SE 9.7538 (see score-calculator.spec).
  const current = computeScore('nps', { 10: 32, 8: 13, 0: 6 });

  // Previous: 20 / 20 / 20, n 60 → NPS 0; p = d = 1/3: (2/3 − 0)/60 = 0.011111 → SE 10.5409.
  // SE of difference = sqrt(9.7538² + 10.5409²) = sqrt(95.137 + 111.111) = 14.3614;
  // 1.96·14.3614 = 28.148 < |50.980 − 0| → significant. Delta = 51.0 − 0.0 = 51.0.
  it('flags a change larger than 1.96·sqrt(SE1² + SE2²)', () => {
    const previous = computeScore('nps', { 9: 20, 7: 20, 5: 20 });
    expect(compareScores(current, previous)).toEqual({ score: 0, n: 60, delta: 51, significant: true });
  });

  // Previous: 30 / 15 / 15, n 60 → NPS 25; p = 0.5, d = 0.25: (0.75 − 0.0625)/60 = 0.0114583 → SE 10.7044.
  // SE of difference = sqrt(95.137 + 114.583) = 14.4817; 1.96·14.4817 = 28.384 > 25.980 → not significant.
  it('does not flag a change inside the noise', () => {
    const previous = computeScore('nps', { 10: 30, 8: 15, 2: 15 });
    expect(compareScores(current, previous)).toEqual({ score: 25, n: 60, delta: 26, significant: false });
  });

  // Previous: 27 / 18 / 15, n 60 → NPS 20; p = 0.45, d = 0.25: (0.70 − 0.04)/60 = 0.011 → SE 10.4881.
  // SE of difference = sqrt(95.137 + 110.000) = 14.3226; 1.96·14.3226 = 28.072 < 30.980 → significant.
  // (Adding the SEs instead, 1.96·(9.754 + 10.488) = 39.674, would call it noise.)
  it('combines the two SEs in quadrature', () => {
    const previous = computeScore('nps', { 10: 27, 7: 18, 3: 15 });
    expect(compareScores(current, previous)).toEqual({ score: 20, n: 60, delta: 31, significant: true });
  });

  // Previous: 13 P / 17 passives, n 30 → 43.333, shown 43.3. Raw difference 50.980 − 43.333 = 7.647
  // would round to 7.6, but the screen shows 51.0 and 43.3, so delta is 51.0 − 43.3 = 7.7.
  it('takes delta from the displayed scores so the numbers on screen add up', () => {
    const previous = computeScore('nps', { 9: 13, 8: 17 });
    expect(compareScores(current, previous).delta).toBe(7.7);
  });

  // All promoters vs all detractors, n 30 each: both SE 0, difference 200 > 0 → significant.
  it('handles two uniform periods (SE 0)', () => {
    const promoters = computeScore('nps', { 10: 30 });
    const detractors = computeScore('nps', { 0: 30 });
    expect(compareScores(promoters, detractors)).toEqual({ score: -100, n: 30, delta: 200, significant: true });
    expect(compareScores(promoters, promoters).significant).toBe(false);
  });
});

describe('compareScores — CSAT (pooled two-proportion z-test)', () => {
  const current = computeScore('csat', { 5: 78, 2: 22 }); // 78 of 100

  // 78/100 vs 60/100: pooled p = 138/200 = 0.69; SE = sqrt(0.69·0.31·(1/100 + 1/100)) = sqrt(0.0042780) = 0.065406;
  // z = (0.78 − 0.60)/0.065406 = 2.752 > 1.96 → significant. Delta = 78.0 − 60.0 = 18.0 points.
  it('flags 78% vs 60% (z = 2.75)', () => {
    const previous = computeScore('csat', { 4: 60, 1: 40 });
    expect(compareScores(current, previous)).toEqual({ score: 60, n: 100, delta: 18, significant: true });
  });

  // 78/100 vs 70/100: pooled p = 148/200 = 0.74; SE = sqrt(0.74·0.26·0.02) = sqrt(0.003848) = 0.062032;
  // z = 0.08/0.062032 = 1.290 < 1.96 → not significant.
  it('does not flag 78% vs 70% (z = 1.29)', () => {
    const previous = computeScore('csat', { 4: 70, 3: 30 });
    expect(compareScores(current, previous)).toEqual({ score: 70, n: 100, delta: 8, significant: false });
  });

  // 9/10 vs 60/100: pooled p = 69/110 = 0.627273; p(1 − p) = 0.233802;
  // SE = sqrt(0.233802·(1/10 + 1/100)) = sqrt(0.0257182) = 0.160369; z = 0.30/0.160369 = 1.871 → not significant.
  // (Unpooled SE sqrt(0.9·0.1/10 + 0.6·0.4/100) = 0.106771 would give z = 2.81.)
  it('pools the proportion, which matters with unequal n', () => {
    const current10 = computeScore('csat', { 5: 9, 1: 1 });
    const previous = computeScore('csat', { 4: 60, 2: 40 });
    expect(compareScores(current10, previous)).toEqual({ score: 60, n: 100, delta: 30, significant: false });
  });

  // 100% vs 100%: pooled p = 1 → SE 0 and difference 0 → not significant (no division by zero).
  it('handles a pooled proportion of 1', () => {
    const all = computeScore('csat', { 5: 40 });
    expect(compareScores(all, all)).toEqual({ score: 100, n: 40, delta: 0, significant: false });
  });
});

describe('compareScores — CES (Welch-style, unpooled variances)', () => {
  // Current: mean 5.0, sample variance 34/9 = 3.77778, n 10 (see score-calculator.spec).
  const current = computeScore('ces', { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 });

  // Previous: five 4s, five 3s → mean 3.5, variance = 10·0.5²/9 = 0.27778, n 10.
  // SE = sqrt(3.77778/10 + 0.27778/10) = sqrt(0.405556) = 0.636832; 1.96·SE = 1.248192 < 1.5 → significant.
  it('flags a 1.5 point drop in the mean', () => {
    const previous = computeScore('ces', { 4: 5, 3: 5 });
    expect(compareScores(current, previous)).toEqual({ score: 3.5, n: 10, delta: 1.5, significant: true });
  });

  // Previous: five 5s, five 4s → mean 4.5, same variance → same SE; 0.5 < 1.248 → not significant.
  it('does not flag a 0.5 point change', () => {
    const previous = computeScore('ces', { 5: 5, 4: 5 });
    expect(compareScores(current, previous)).toEqual({ score: 4.5, n: 10, delta: 0.5, significant: false });
  });

  // a: two 1s, three 7s → mean 23/5 = 4.6; squared deviations 2·3.6² + 3·2.4² = 25.92 + 17.28 = 43.2;
  //    variance 43.2/4 = 10.8, n 5.
  // b: twenty 2s, twenty 3s → mean 2.5; variance 40·0.25/39 = 0.256410, n 40.
  // Welch SE = sqrt(10.8/5 + 0.256410/40) = sqrt(2.166410) = 1.471873; 1.96·SE = 2.885 > 2.1 → not significant.
  // (A pooled variance, (4·10.8 + 39·0.25641)/43 = 1.237209, SE 0.527610, 1.96·SE = 1.034, would flag it.)
  it("keeps each period's own variance (Welch), which matters with unequal n", () => {
    const a = computeScore('ces', { 1: 2, 7: 3 });
    const b = computeScore('ces', { 2: 20, 3: 20 });
    expect(compareScores(a, b)).toEqual({ score: 2.5, n: 40, delta: 2.1, significant: false });
  });

  it('cannot test without a sample sd on both sides (n < 2)', () => {
    const single = computeScore('ces', { 1: 1 });
    expect(compareScores(current, single)).toEqual({ score: 1, n: 1, delta: 4, significant: false });
  });
});

describe('compareScores — empty periods and misuse', () => {
  it('returns null delta and false when the previous period is empty', () => {
    const current = computeScore('nps', { 10: 5 });
    expect(compareScores(current, computeScore('nps', {}))).toEqual({ score: null, n: 0, delta: null, significant: false });
  });

  it('still reports the previous score when the current period is empty', () => {
    const previous = computeScore('csat', { 5: 3, 1: 1 });
    expect(compareScores(computeScore('csat', {}), previous)).toEqual({ score: 75, n: 4, delta: null, significant: false });
  });

  it('refuses to compare different metrics', () => {
    const nps = computeScore('nps', { 9: 1 });
    const csat = computeScore('csat', { 4: 1 });
    expect(() => compareScores(nps as never, csat as never)).toThrow('cannot compare nps with csat');
  });
});

describe('compareScores — CES, each side on its own', () => {
  // Current: a single answer (1) has no sample sd, so nothing is tested even though
  // the drop from the previous mean 5.0 is large.
  it('cannot test when the current period has n < 2', () => {
    const previous = computeScore('ces', { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 });
    expect(compareScores(computeScore('ces', { 1: 1 }), previous)).toEqual({ score: 5, n: 10, delta: -4, significant: false });
  });

  // Current: twenty 7s, twenty 6s → mean 6.5, variance 40·0.5²/39 = 0.256410, n 40 → 0.256410/40 = 0.006410.
  // Previous: five 1s, five 3s → mean 2.0, variance 10·1²/9 = 1.111111, n 10 → 0.111111.
  // SE = sqrt(0.006410 + 0.111111) = sqrt(0.117521) = 0.342814; 1.96·SE = 0.671916 < 4.5 → significant.
  // The previous period's variance is the larger share: both terms must be added.
  it('adds the variance terms of both periods', () => {
    const current = computeScore('ces', { 7: 20, 6: 20 });
    const previous = computeScore('ces', { 1: 5, 3: 5 });
    expect(compareScores(current, previous)).toEqual({ score: 2, n: 10, delta: 4.5, significant: true });
  });
});
