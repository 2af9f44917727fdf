import { METRICS, RULES, SCALES, bucketOf, isValidScore } from './metric-scales';

describe('SCALES and RULES', () => {
  it('use the scales of the product definition', () => {
    expect(SCALES).toEqual({ nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } });
  });

  it('state each rule in words', () => {
    expect(RULES.nps).toBe('nps: 100·(P−D)/n, promoters 9–10, passives 7–8, detractors 0–6');
    expect(RULES.csat).toContain('satisfied 4–5');
    expect(RULES.ces).toContain('agree 5–7');
  });
});

describe('isValidScore', () => {
  it.each([
    ['nps', 0],
    ['nps', 10],
    ['csat', 1],
    ['csat', 5],
    ['ces', 1],
    ['ces', 7],
  ] as const)('accepts %s %d (scale edge)', (metric, score) => {
    expect(isValidScore(metric, score)).toBe(true);
  });

  it.each([
    ['nps', -1],
    ['nps', 11],
    ['csat', 0],
    ['csat', 6],
    ['ces', 0],
    ['ces', 8],
    ['nps', 7.5],
    ['nps', NaN],
    ['nps', Infinity],
    ['nps', '9'],
    ['nps', null],
    ['csat', undefined],
  ] as const)('rejects %s %p', (metric, score) => {
    expect(isValidScore(metric, score)).toBe(false);
  });
});

describe('bucketOf', () => {
  it('splits NPS at 6|7 and 8|9', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => bucketOf('nps', s))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('splits CSAT into 1–2 / 3 / 4–5', () => {
    expect([1, 2, 3, 4, 5].map((s) => bucketOf('csat', s))).toEqual(['dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'satisfied']);
  });

  it('splits CES into 1–3 / 4 / 5–7', () => {
    expect([1, 3, 4, 5, 7].map((s) => bucketOf('ces', s))).toEqual(['disagree', 'disagree', 'neutral', 'agree', 'agree']);
  });

  it('throws on a score outside the scale', () => {
    expect(() => bucketOf('csat', 0)).toThrow(RangeError);
    expect(() => bucketOf('nps', 9.5)).toThrow('9.5 is not a valid nps score');
  });
});

describe('METRICS', () => {
  it('lists each metric that has a scale, once', () => {
    expect([...METRICS].sort()).toEqual(['ces', 'csat', 'nps']);
    expect([...METRICS].sort()).toEqual(Object.keys(SCALES).sort());
  });
});
