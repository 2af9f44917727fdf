import { combinedEmotion, emotionValue } from './emotion';
import { computeScore } from './score-calculator';

describe('emotionValue', () => {
  // NPS 2600/51 = 50.980 → 50.980/100 = 0.50980 → 0.51
  it('maps NPS to NPS/100', () => {
    expect(emotionValue('nps', computeScore('nps', { 10: 32, 8: 13, 0: 6 }))).toBe(0.51);
  });

  it('maps the NPS extremes to ±1', () => {
    expect(emotionValue('nps', computeScore('nps', { 0: 3 }))).toBe(-1);
    expect(emotionValue('nps', computeScore('nps', { 10: 3 }))).toBe(1);
  });

  // CSAT mean = (200 + 152 + 36 + 12 + 4)/100 = 4.04 → (4.04 − 3)/2 = 0.52.
  // The displayed mean 4.0 would give 0.5: the raw mean must be used.
  it('maps the CSAT mean to (mean − 3)/2', () => {
    expect(emotionValue('csat', computeScore('csat', { 5: 40, 4: 38, 3: 12, 2: 6, 1: 4 }))).toBe(0.52);
  });

  // 17 ones, 3 twos, 20 threes: mean = (17 + 6 + 60)/40 = 83/40 = 2.075 → (2.075 − 3)/2 = −0.4625
  // → −0.463 (half away from zero; floating point gives −0.46249999999999991).
  it('rounds exact halves away from zero', () => {
    expect(emotionValue('csat', computeScore('csat', { 1: 17, 2: 3, 3: 20 }))).toBe(-0.463);
  });

  // CES mean 5.0 → (5 − 4)/3 = 0.33333 → 0.333; all 1s → (1 − 4)/3 = −1.
  it('maps the CES mean to (mean − 4)/3', () => {
    expect(emotionValue('ces', computeScore('ces', { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 }))).toBe(0.333);
    expect(emotionValue('ces', computeScore('ces', { 1: 4 }))).toBe(-1);
  });

  // CSAT all 3s → (3 − 3)/2 = 0, and never −0.
  it('is 0 at the neutral point', () => {
    expect(Object.is(emotionValue('csat', computeScore('csat', { 3: 2 })), 0)).toBe(true);
  });

  it('is null when n = 0', () => {
    expect(emotionValue('nps', computeScore('nps', {}))).toBeNull();
    expect(emotionValue('ces', computeScore('ces', {}))).toBeNull();
  });

  it('refuses a result of another metric', () => {
    expect(() => emotionValue('ces', computeScore('csat', { 4: 1 }))).toThrow(TypeError);
    expect(() => emotionValue('ces', computeScore('csat', { 4: 1 }))).toThrow('emotionValue for ces was given a csat result');
  });
});

describe('combinedEmotion', () => {
  // NPS 32/13/6: raw 50.980/100 = 0.509804 (n 51); CES {7:3,6:2,5:1,4:2,2:2}: mean 5.0 → 0.333333 (n 10).
  // (51·0.509804 + 10·0.333333)/61 = (26 + 3.333333)/61 = 29.333333/61 = 0.480874 → 0.481.
  // Averaging the rounded values would give (51·0.51 + 10·0.333)/61 = 0.480951 → 0.481 as well,
  // so the next case tells the two apart.
  it('weights each touchpoint by n across metrics', () => {
    expect(
      combinedEmotion([
        { metric: 'nps', result: computeScore('nps', { 10: 32, 8: 13, 0: 6 }) },
        { metric: 'ces', result: computeScore('ces', { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 }) },
      ]),
    ).toBe(0.481);
  });

  // One passive (NPS 0 → 0, n 1) and 2 detractors + 4 passives (NPS −33.333 → −0.333333, n 6).
  // Unrounded: 6·(−1/3)/7 = −2/7 = −0.285714 → −0.286. Averaging the rounded −0.333 instead would give
  // −1.998/7 = −0.285429 → −0.285, one digit off.
  it('averages before rounding', () => {
    expect(
      combinedEmotion([
        { metric: 'nps', result: computeScore('nps', { 8: 1 }) },
        { metric: 'nps', result: computeScore('nps', { 0: 2, 7: 4 }) },
      ]),
    ).toBe(-0.286);
  });

  // +1/3 with n 3 and −1/3 with n 3 → 0 exactly, never −0.
  it('never returns −0', () => {
    const z = combinedEmotion([
      { metric: 'nps', result: computeScore('nps', { 10: 2, 0: 1 }) },
      { metric: 'nps', result: computeScore('nps', { 10: 1, 0: 2 }) },
    ]);
    expect(Object.is(z, 0)).toBe(true);
  });

  it('skips touchpoints without answers and is null when none has any', () => {
    expect(
      combinedEmotion([
        { metric: 'csat', result: computeScore('csat', {}) },
        { metric: 'ces', result: computeScore('ces', { 1: 4 }) },
      ]),
    ).toBe(-1);
    expect(combinedEmotion([{ metric: 'nps', result: computeScore('nps', {}) }])).toBeNull();
    expect(combinedEmotion([])).toBeNull();
  });
});
