import { clampInterval, round1, roundTo, safeSqrt, wilsonInterval } from './stats';

describe('round1', () => {
  it('rounds halves away from zero on both sides', () => {
    expect(round1(0.05)).toBe(0.1);
    expect(round1(-0.05)).toBe(-0.1);
    expect(round1(2.25)).toBe(2.3);
    expect(round1(-2.25)).toBe(-2.3);
  });

  it('absorbs binary artefacts of exact halves', () => {
    // 100·(8/48 − 5/48) should be 6.25; in floating point it is 6.2499999999999982.
    expect(round1(100 * (8 / 48 - 5 / 48))).toBe(6.3);
    // (83/40 − 3)/2 should be −0.4625; in floating point it is −0.46249999999999991.
    expect(roundTo((83 / 40 - 3) / 2, 3)).toBe(-0.463);
    expect(round1(50.98039215686274)).toBe(51);
  });

  it('never returns −0', () => {
    expect(Object.is(round1(-0.04), 0)).toBe(true);
    expect(Object.is(roundTo(-0.0004, 3), 0)).toBe(true);
  });
});

describe('clampInterval', () => {
  it('clamps only the side that leaves the range', () => {
    expect(clampInterval([42.8, 117.2], -100, 100)).toEqual([42.8, 100]);
    expect(clampInterval([-138.6, 138.6], -100, 100)).toEqual([-100, 100]);
    expect(clampInterval([3.8, 6.2], 1, 7)).toEqual([3.8, 6.2]);
  });
});

describe('safeSqrt', () => {
  it('treats a float-noise negative as 0 instead of NaN', () => {
    expect(safeSqrt(-1e-17)).toBe(0);
    expect(safeSqrt(9)).toBe(3);
  });
});

describe('wilsonInterval', () => {
  // z² = 3.8416. For 0 of 10: denom = 1 + 3.8416/10 = 1.38416;
  // centre = (0 + 3.8416/20)/1.38416 = 0.19208/1.38416 = 0.138770;
  // half = 1.96·sqrt(0 + 3.8416/400)/1.38416 = 1.96·0.098/1.38416 = 0.138770
  // → [0 (float gives −2.8e−17, clamped), 0.277540].
  it('stays inside [0, 1] at 0%', () => {
    const [lo, hi] = wilsonInterval(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.27754, 5);
  });

  // 78 of 100: denom = 1.038416; centre = (0.78 + 0.019208)/1.038416 = 0.769641;
  // half = 1.96·sqrt(0.78·0.22/100 + 3.8416/40000)/1.038416
  //      = 1.96·sqrt(0.001716 + 0.000096)/1.038416 = 1.96·0.042568/1.038416 = 0.080346
  // → [0.689295, 0.849988].
  it('matches the design example 78/100', () => {
    const [lo, hi] = wilsonInterval(78, 100);
    expect(lo).toBeCloseTo(0.689295, 5);
    expect(hi).toBeCloseTo(0.849988, 5);
  });
});
