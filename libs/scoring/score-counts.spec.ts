import { countWhere, mergeCounts, moments, toDistribution } from './score-counts';

describe('mergeCounts', () => {
  it('adds counts per score across any number of inputs', () => {
    expect(mergeCounts({ 9: 2, 10: 1 }, { 9: 1, 3: 4 }, {})).toEqual({ 3: 4, 9: 3, 10: 1 });
  });

  it('returns an empty object for no input', () => {
    expect(mergeCounts()).toEqual({});
  });

  it('does not modify its inputs', () => {
    const a = { 5: 1 };
    mergeCounts(a, { 5: 2 });
    expect(a).toEqual({ 5: 1 });
  });
});

describe('toDistribution', () => {
  it('covers the whole CSAT scale in order', () => {
    expect(toDistribution('csat', { 4: 2 })).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 0 },
      { score: 3, count: 0 },
      { score: 4, count: 2 },
      { score: 5, count: 0 },
    ]);
  });

  it('rejects keys outside the scale', () => {
    expect(() => toDistribution('ces', { 8: 1 })).toThrow(RangeError);
  });
});

describe('moments', () => {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean = 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
  // sample sd = sqrt(32/7) = 2.138090
  it('computes the mean and sample sd', () => {
    const m = moments(toDistribution('nps', { 2: 1, 4: 3, 5: 2, 7: 1, 9: 1 }));
    expect(m.n).toBe(8);
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(2.13809, 6);
  });

  it('has no sd for a single answer and nothing for none', () => {
    expect(moments(toDistribution('nps', { 3: 1 }))).toEqual({ n: 1, mean: 3, sd: null });
    expect(moments(toDistribution('nps', {}))).toEqual({ n: 0, mean: null, sd: null });
  });
});

describe('countWhere', () => {
  it('sums the counts of matching scores', () => {
    expect(countWhere(toDistribution('ces', { 5: 2, 6: 1, 3: 4 }), (s) => s >= 5)).toBe(3);
  });
});
