import { computeScore } from './score-calculator';

describe('computeScore — NPS', () => {
  // Design example. P = 20 + 12 = 32, passives = 8 + 5 = 13, D = 3 + 2 + 1 = 6, n = 51.
  // NPS = 100·(32 − 6)/51 = 2600/51 = 50.980 → 51.0
  // p = 32/51 = 0.627451, d = 6/51 = 0.117647, p − d = 0.509804, (p − d)² = 0.259900
  // SE = 100·sqrt((0.745098 − 0.259900)/51) = 100·sqrt(0.0095137) = 9.7538 → 9.8
  // 1.96·SE = 19.1175 → CI = [50.980 − 19.117, 50.980 + 19.117] = [31.863, 70.098] → [31.9, 70.1]
  const designExample = { 10: 20, 9: 12, 8: 8, 7: 5, 6: 3, 3: 2, 0: 1 };

  it('reproduces the design example 32/13/6 → 51, CI [31.9, 70.1]', () => {
    const r = computeScore('nps', designExample);
    expect(r).toMatchObject({
      metric: 'nps',
      scale: { min: 0, max: 10 },
      n: 51,
      promoters: 32,
      passives: 13,
      detractors: 6,
      score: 51,
      nps: 51,
      se: 9.8,
      ci95: [31.9, 70.1],
      reliable: true,
    });
    expect(r.rule).toContain('100·(P−D)/n');
  });

  it('keeps unrounded values in raw', () => {
    const { raw } = computeScore('nps', designExample);
    expect(raw.score).toBeCloseTo(50.980392, 5);
    expect(raw.se).toBeCloseTo(9.753813, 5);
    expect(raw.ci95![0]).toBeCloseTo(31.862919, 5);
    expect(raw.ci95![1]).toBeCloseTo(70.097865, 5);
    // mean of answers = (200 + 108 + 64 + 35 + 18 + 6 + 0)/51 = 431/51 = 8.450980
    expect(raw.mean).toBeCloseTo(8.45098, 5);
  });

  it('lists the whole scale in the distribution, zeros included', () => {
    const { distribution } = computeScore('nps', designExample);
    expect(distribution.map((e) => e.count)).toEqual([1, 0, 0, 2, 0, 0, 3, 5, 8, 12, 20]);
    expect(distribution.map((e) => e.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('returns n 0, null score and CI, unreliable for empty counts', () => {
    const r = computeScore('nps', {});
    expect(r).toMatchObject({
      n: 0,
      score: null,
      nps: null,
      se: null,
      ci95: null,
      reliable: false,
      promoters: 0,
      passives: 0,
      detractors: 0,
    });
    expect(r.raw).toEqual({ score: null, ci95: null, se: null, mean: null, sd: null });
    expect(r.distribution).toHaveLength(11);
  });

  it('treats explicit zero counts like absent ones', () => {
    expect(computeScore('nps', { 9: 0, 3: 0 })).toEqual(computeScore('nps', {}));
  });

  // n = 1, one promoter: NPS = 100·1/1 = 100; p = 1, d = 0 → p + d − (p − d)² = 0 → SE 0, CI [100, 100].
  it('handles a single response', () => {
    const r = computeScore('nps', { 10: 1 });
    expect(r).toMatchObject({ n: 1, score: 100, se: 0, ci95: [100, 100], reliable: false });
    expect(r.raw.sd).toBeNull();
  });

  // 30 detractors: NPS = 100·(0 − 30)/30 = −100; p = 0, d = 1 → 1 − 1 = 0 → SE 0 → CI [−100, −100].
  // n = 30 is exactly the default minimum, so reliable.
  it('gives −100 for all detractors', () => {
    expect(computeScore('nps', { 0: 10, 6: 20 })).toMatchObject({ n: 30, score: -100, se: 0, ci95: [-100, -100], reliable: true });
  });

  // 40 promoters: NPS = 100; SE = 100·sqrt((1 + 0 − 1²)/40) = 0 → CI [100, 100]: finite, inside the range.
  it('gives 100 with a finite, in-range CI for all promoters', () => {
    const r = computeScore('nps', { 9: 15, 10: 25 });
    expect(r).toMatchObject({ score: 100, se: 0, ci95: [100, 100] });
    expect(r.raw.ci95!.every(Number.isFinite)).toBe(true);
  });

  // 9 promoters, 1 detractor: NPS = 80; p = 0.9, d = 0.1: (1 − 0.64)/10 = 0.036 → SE = 18.974;
  // 1.96·SE = 37.188 → [42.812, 117.188] → upper end clamped: [42.8, 100].
  it('clamps only the side of the CI that leaves [−100, 100]', () => {
    expect(computeScore('nps', { 10: 9, 2: 1 }).ci95).toEqual([42.8, 100]);
  });

  // 8 P, 35 passives, 5 D: NPS = 100·3/48 = 6.25 exactly → 6.3 (half away from zero).
  // 100·(8/48 − 5/48) in floating point is 6.2499999999999982, which would show as 6.2.
  it('rounds an exact half up, unaffected by float subtraction', () => {
    expect(computeScore('nps', { 9: 8, 7: 35, 0: 5 }).score).toBe(6.3);
  });

  // 1 promoter, 1 detractor: NPS 0; p = d = 0.5: (1 − 0)/2 = 0.5 → SE = 70.711;
  // 1.96·SE = 138.59 → [−138.6, 138.6] → [−100, 100].
  it('clamps both sides when the CI is wider than the range', () => {
    expect(computeScore('nps', { 10: 1, 0: 1 })).toMatchObject({ score: 0, se: 70.7, ci95: [-100, 100] });
  });
});

describe('computeScore — CSAT', () => {
  // n = 100, satisfied = 40 + 38 = 78 → 78%.
  // Wilson (z² = 3.8416): centre = (0.78 + 0.019208)/1.038416 = 0.769641,
  // half = 1.96·sqrt(0.001716 + 0.000096)/1.038416 = 0.080346 → [68.93%, 85.00%] → [68.9, 85.0].
  // mean = (5·40 + 4·38 + 3·12 + 2·6 + 1·4)/100 = (200 + 152 + 36 + 12 + 4)/100 = 4.04 → 4.0
  const csat = { 5: 40, 4: 38, 3: 12, 2: 6, 1: 4 };

  it('reproduces the design example 78 of 100 → 78%, Wilson [68.9, 85.0]', () => {
    expect(computeScore('csat', csat)).toMatchObject({
      metric: 'csat',
      scale: { min: 1, max: 5 },
      n: 100,
      satisfied: 78,
      score: 78,
      csat: 78,
      ci95: [68.9, 85],
      mean: 4,
      reliable: true,
    });
  });

  it('keeps the unrounded mean, Wilson bounds and unpooled SE in raw', () => {
    const { raw } = computeScore('csat', csat);
    expect(raw.mean).toBeCloseTo(4.04, 10);
    expect(raw.ci95![0]).toBeCloseTo(68.929465, 4);
    expect(raw.ci95![1]).toBeCloseTo(84.998825, 4);
    // SE = 100·sqrt(0.78·0.22/100) = 100·sqrt(0.001716) = 4.14246
    expect(raw.se).toBeCloseTo(4.14246, 4);
  });

  // One "5": 100%; Wilson for 1 of 1: centre = (1 + 1.9208)/4.8416 = 0.603272,
  // half = 1.96·sqrt(0 + 3.8416/4)/4.8416 = 1.9208/4.8416 = 0.396728 → [20.65%, 100%].
  it('handles a single response without collapsing the interval', () => {
    expect(computeScore('csat', { 5: 1 })).toMatchObject({ n: 1, csat: 100, mean: 5, ci95: [20.7, 100], reliable: false });
  });

  // 17 ones, 3 twos, 20 threes: mean = 83/40 = 2.075 → 2.1; nobody satisfied → 0%.
  it('rounds an exact-half mean away from zero', () => {
    expect(computeScore('csat', { 1: 17, 2: 3, 3: 20 })).toMatchObject({ n: 40, mean: 2.1, csat: 0, satisfied: 0 });
  });

  it('returns nulls for empty counts', () => {
    expect(computeScore('csat', {})).toMatchObject({
      n: 0,
      score: null,
      csat: null,
      mean: null,
      ci95: null,
      satisfied: 0,
      reliable: false,
    });
  });

  it('rejects a score outside 1–5', () => {
    expect(() => computeScore('csat', { 0: 3 })).toThrow('score 0 is outside the csat scale 1–5');
  });
});

describe('computeScore — CES', () => {
  // n = 10: three 7s, two 6s, one 5, two 4s, two 2s.
  // mean = (21 + 12 + 5 + 8 + 4)/10 = 50/10 = 5.0
  // agree (5–7) = 3 + 2 + 1 = 6 → 60%
  // squared deviations: 3·2² + 2·1² + 1·0² + 2·1² + 2·3² = 12 + 2 + 0 + 2 + 18 = 34
  // sd = sqrt(34/9) = 1.943651; SE = 1.943651/sqrt(10) = 0.614636; 1.96·SE = 1.204687
  // CI = [3.795313, 6.204687] → [3.8, 6.2]
  const ces = { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 };

  it('computes the mean, % agree and normal CI by hand', () => {
    const r = computeScore('ces', ces);
    expect(r).toMatchObject({ metric: 'ces', n: 10, score: 5, mean: 5, agree: 6, agreePct: 60, ci95: [3.8, 6.2], reliable: false });
    expect(r.raw.sd).toBeCloseTo(1.943651, 5);
    expect(r.raw.se).toBeCloseTo(0.614636, 5);
  });

  it('has no CI below two answers', () => {
    expect(computeScore('ces', { 6: 1 })).toMatchObject({ n: 1, mean: 6, agree: 1, agreePct: 100, ci95: null });
  });

  // One 1 and one 7: mean 4, sd = sqrt((9 + 9)/1) = 4.2426, SE = 3, 1.96·SE = 5.88
  // → [−1.88, 9.88], clamped to the scale: [1, 7].
  it('clamps the CI to the 1–7 scale', () => {
    expect(computeScore('ces', { 1: 1, 7: 1 }).ci95).toEqual([1, 7]);
  });

  // All 4s: sd = 0 → CI collapses onto the mean, no NaN.
  it('handles identical answers', () => {
    expect(computeScore('ces', { 4: 5 })).toMatchObject({ mean: 4, agreePct: 0, ci95: [4, 4] });
  });
});

describe('computeScore — reliability and input checks', () => {
  const nOf = (n: number) => ({ 9: n });

  it('flags n below the minimum as not reliable (default 30)', () => {
    expect(computeScore('nps', nOf(29)).reliable).toBe(false);
    expect(computeScore('nps', nOf(30)).reliable).toBe(true);
  });

  it('honours a custom minimum', () => {
    expect(computeScore('nps', nOf(9), { minReliableN: 10 }).reliable).toBe(false);
    expect(computeScore('nps', nOf(10), { minReliableN: 10 }).reliable).toBe(true);
  });

  it('never calls an empty period reliable, even with minimum 0', () => {
    expect(computeScore('ces', {}, { minReliableN: 0 }).reliable).toBe(false);
  });

  it.each([
    [{ 11: 1 }, 'outside the nps scale'],
    [{ 8.5: 1 }, 'outside the nps scale'],
    [{ 8: -1 }, 'non-negative integer'],
    [{ 8: 1.5 }, 'non-negative integer'],
  ])('rejects %p', (counts, message) => {
    expect(() => computeScore('nps', counts)).toThrow(message);
  });

  it('rejects a negative minimum', () => {
    expect(() => computeScore('nps', {}, { minReliableN: -1 })).toThrow(RangeError);
  });
});

describe('computeScore — empty and single-answer periods keep raw values null', () => {
  it('CSAT with no answers has no SE and no interval', () => {
    expect(computeScore('csat', {}).raw).toEqual({ score: null, ci95: null, se: null, mean: null, sd: null });
  });

  it('CES with no answers, or one answer (no sd), has no interval', () => {
    expect(computeScore('ces', {}).raw).toEqual({ score: null, ci95: null, se: null, mean: null, sd: null });
    expect(computeScore('ces', { 4: 1 })).toMatchObject({ score: 4, ci95: null, raw: { score: 4, ci95: null, se: null, sd: null } });
  });

  it('names the bad minReliableN', () => {
    expect(() => computeScore('nps', {}, { minReliableN: -1 })).toThrow('minReliableN must be a non-negative number, got -1');
  });
});
