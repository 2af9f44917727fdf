// The colour scale's anchors (issue 20, point 5), with hand-computed fixtures:
// red-side exactly below NPS 0, CSAT 50 %, CES 4; deeper at 20 % and 50 % of the
// way from the anchor to the scale's end; text readable on its tint.
import { answerColors, CLASSES, EDGES, emotionColors, legendRanges, NO_SCORE, scoreClass, scoreColors } from './assets/js/score-scale.js';

describe('score colour scale', () => {
  it.each([
    // metric, score, class (0–2 below the anchor = red side, 3–5 above = blue side)
    ['nps', -100, 0],
    ['nps', -50.1, 0],
    ['nps', -50, 1],
    ['nps', -20.1, 1],
    ['nps', -20, 2],
    ['nps', -11, 2], // the NPS −11: red side
    ['nps', -0.1, 2],
    ['nps', 0, 3], // the anchor itself is not below it
    ['nps', 19.9, 3],
    ['nps', 20, 4],
    ['nps', 49.9, 4],
    ['nps', 50, 5],
    ['nps', 100, 5],
    ['csat', 0, 0],
    ['csat', 24.9, 0],
    ['csat', 25, 1],
    ['csat', 39, 1], // the CSAT 39 %: red side
    ['csat', 40, 2],
    ['csat', 49.9, 2],
    ['csat', 50, 3],
    ['csat', 60, 4],
    ['csat', 74.9, 4],
    ['csat', 78, 5],
    ['ces', 1, 0],
    ['ces', 2.4, 0],
    ['ces', 2.5, 1],
    ['ces', 3.39, 1],
    ['ces', 3.4, 2],
    ['ces', 3.9, 2],
    ['ces', 4, 3],
    ['ces', 4.6, 4],
    ['ces', 5.49, 4],
    ['ces', 5.5, 5],
    ['ces', 7, 5],
  ])('%s %p is class %p', (metric, score, expected) => {
    expect(scoreClass(metric, score)).toBe(expected);
    expect(scoreColors(metric, score).side).toBe(expected < 3 ? 'below' : 'above');
  });

  it('derives every edge from the anchor and the scale ends (20 % and 50 % of the way)', () => {
    const scales = { nps: [-100, 0, 100], csat: [0, 50, 100], ces: [1, 4, 7] } as const;
    for (const [metric, [low, anchor, high]] of Object.entries(scales)) {
      const at = (share: number, end: number) => Math.round((anchor + share * (end - anchor)) * 1e9) / 1e9;
      expect(EDGES[metric as keyof typeof EDGES]).toEqual([at(0.5, low), at(0.2, low), anchor, at(0.2, high), at(0.5, high)]);
    }
  });

  it('has no colour for a missing score or an unknown metric', () => {
    expect(scoreClass('nps', null)).toBeNull();
    expect(scoreClass('nps', undefined)).toBeNull();
    expect(scoreClass('stars', 3)).toBeNull();
    expect(scoreColors('csat', null)).toEqual({ ...NO_SCORE, index: null });
  });

  it('colours the emotion curve (−1…1) with the same classes, edges at ±0.2 and ±0.5', () => {
    expect([-1, -0.5, -0.2, -0.11, 0, 0.2, 0.5, 1].map((v) => emotionColors(v).index)).toEqual([0, 1, 2, 2, 3, 4, 5, 5]);
    expect(emotionColors(null).index).toBeNull();
  });

  it('lists the legend ranges in the metric unit, open at both ends', () => {
    expect(legendRanges('nps').map((r) => [r.from, r.to])).toEqual([
      [null, -50],
      [-50, -20],
      [-20, 0],
      [0, 20],
      [20, 50],
      [50, null],
    ]);
    expect(legendRanges('csat')[1]).toMatchObject({ from: 25, to: 40, side: 'below' });
  });

  it('keeps the score text readable: at least 4.5:1 on its tint and on white (WCAG AA)', () => {
    for (const c of [...CLASSES, NO_SCORE]) {
      expect(contrast(c.text, c.tint)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c.text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  // Score chips (comments, cases): the colour the card would have if every answer were this one.
  it.each([
    ['nps', 0, 0],
    ['nps', 6, 0], // a detractor: NPS −100
    ['nps', 7, 3], // a passive: NPS 0, the anchor, not below it
    ['nps', 8, 3],
    ['nps', 9, 5], // a promoter: NPS +100
    ['nps', 10, 5],
    ['csat', 1, 0],
    ['csat', 3, 0], // not satisfied: CSAT 0 %
    ['csat', 4, 5], // satisfied: CSAT 100 %
    ['csat', 5, 5],
    ['ces', 1, 0],
    ['ces', 3, 1],
    ['ces', 4, 3], // the anchor
    ['ces', 5, 4],
    ['ces', 7, 5],
  ])('colours one %s answer of %d as class %d, like a card of such answers', (metric, answer, index) => {
    expect(answerColors(metric, answer)).toEqual({ ...CLASSES[index], index });
  });

  it('has no chip colour without an answer', () => {
    expect(answerColors('nps', null)).toEqual({ ...NO_SCORE, index: null });
  });

  it('tells the two sides apart without hue: every red-side fill differs in lightness from its blue-side mirror', () => {
    // Under any colour-vision deficiency lightness survives; mirrored classes (0↔5, 1↔4, 2↔3) must not look alike.
    for (let i = 0; i < 3; i++) expect(Math.abs(luminance(CLASSES[i].fill) - luminance(CLASSES[5 - i].fill))).toBeGreaterThan(0.02);
  });
});

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
