import type { ScoreCounts } from '@cairn/scoring';
import { type EffectInput, measureEffect } from './improvement-effect';

const LAUNCH = new Date('2026-10-01T00:00:00.000Z');
// 30-day windows: before = Sep 1 – Oct 1, after = Oct 1 – Oct 31. Mid-November the after-window is full.
const LATER = new Date('2026-11-15T00:00:00.000Z');

function input(over: Partial<EffectInput> & Pick<EffectInput, 'metric' | 'counts'>): EffectInput {
  return { windowDays: 30, launchedAt: LAUNCH, now: LATER, minN: 30, ...over };
}

/** NPS answers as promoters (10), passives (8) and detractors (0). */
const nps = (promoters: number, passives: number, detractors: number): ScoreCounts => ({ 10: promoters, 8: passives, 0: detractors });

describe('measureEffect', () => {
  it('NPS: the plain delta is significant, the difference in differences against the journey is not', () => {
    const effect = measureEffect(
      input({
        metric: 'nps',
        counts: {
          before: nps(30, 40, 30),
          after: nps(50, 30, 20),
          control: { touchpoints: 3, before: nps(30, 40, 30), after: nps(45, 35, 20) },
        },
      }),
    );
    // Before: p = .3, d = .3 → NPS 0, SE = 100·sqrt((.6 − 0)/100) = 7.7460 (SE² = 60); CI 0 ± 15.18 → [−15.2, 15.2].
    // After: p = .5, d = .2 → NPS 30, SE = 100·sqrt((.7 − .09)/100) = 7.8102 (SE² = 61); CI 30 ± 15.31 → [14.7, 45.3].
    expect(effect.before).toMatchObject({ n: 100, score: 0, ci95: [-15.2, 15.2] });
    expect(effect.after).toMatchObject({ n: 100, score: 30, ci95: [14.7, 45.3] });
    // delta = 30, SE = sqrt(60 + 61) = 11, CI = 30 ± 1.96·11 = [8.44, 51.56].
    expect(effect.delta).toBe(30);
    expect(effect.ci95).toEqual([8.4, 51.6]);
    expect(effect.significant).toBe(true);
    // Control: before NPS 0 (SE² 60); after p = .45, d = .2 → NPS 25, SE² = 10000·(.65 − .0625)/100 = 58.75.
    // delta 25, SE = sqrt(118.75) = 10.897, CI 25 ± 21.36 = [3.64, 46.36].
    expect(effect.control).toEqual({
      touchpoints: 3,
      before: { n: 100, score: 0, ci95: [-15.2, 15.2] },
      after: { n: 100, score: 25, ci95: [10, 40] },
      delta: 25,
      ci95: [3.6, 46.4],
    });
    // Adjusted: 30 − 25 = 5, SE = sqrt(121 + 118.75) = sqrt(239.75) = 15.484, CI 5 ± 30.35 = [−25.35, 35.35].
    expect(effect.adjustedDelta).toBe(5);
    expect(effect.adjustedCi95).toEqual([-25.3, 35.3]);
    expect(effect.adjustedSignificant).toBe(false);
    expect(effect.status).toBe('measured');
    expect(effect.before).toMatchObject({ since: '2026-09-01T00:00:00.000Z', until: '2026-10-01T00:00:00.000Z' });
    expect(effect.after).toMatchObject({ since: '2026-10-01T00:00:00.000Z', until: '2026-10-31T00:00:00.000Z' });
  });

  it('CSAT: Wilson intervals per window, the normal approximation for the change', () => {
    // 60 of 100 satisfied (5s), 40 not (2s) → 78 of 100.
    const effect = measureEffect(input({ metric: 'csat', counts: { before: { 5: 60, 2: 40 }, after: { 5: 78, 2: 22 }, control: null } }));
    // Wilson, z² = 3.8416, denominator 1 + z²/n = 1.038416:
    // 60/100: centre (.6 + .019208)/1.038416 = .59630, half 1.96·sqrt(.0024 + .00009604)/1.038416 = .09430 → [50.2, 69.1].
    // 78/100: product.md's example → [68.9, 85.0].
    expect(effect.before).toMatchObject({ n: 100, score: 60, ci95: [50.2, 69.1] });
    expect(effect.after).toMatchObject({ n: 100, score: 78, ci95: [68.9, 85] });
    // delta 18 points; SE² = 10000·(.6·.4/100 + .78·.22/100) = 24 + 17.16 = 41.16, SE 6.4156, CI 18 ± 12.575 = [5.43, 30.57].
    expect(effect).toMatchObject({ delta: 18, ci95: [5.4, 30.6], significant: true, status: 'measured' });
    // No other touchpoint of the journey asks CSAT: no control, no adjusted figures.
    expect(effect).toMatchObject({ control: null, adjustedDelta: null, adjustedCi95: null, adjustedSignificant: false });
  });

  describe('CES: t-intervals of means', () => {
    // Before: five 3s, five 5s → mean 4, s² = 10/9, SE² of the mean = 1/9. After: five 5s, five 7s → mean 6, the same spread.
    // Control: before as the touchpoint's; after five 4s, five 6s → mean 5.
    const counts = {
      before: { 3: 5, 5: 5 },
      after: { 5: 5, 7: 5 },
      control: { touchpoints: 1, before: { 3: 5, 5: 5 }, after: { 4: 5, 6: 5 } },
    };

    it('per window mean ± t(n − 1)·s/√n; the change with Welch degrees of freedom', () => {
      const effect = measureEffect(input({ metric: 'ces', minN: 10, counts }));
      // t(.975, 9) = 2.2622, s/√n = 1.0541/3.1623 = .33333 → 4 ± .7541 = [3.25, 4.75]; 6 ± .7541 = [5.25, 6.75].
      expect(effect.before).toMatchObject({ n: 10, score: 4, ci95: [3.25, 4.75] });
      expect(effect.after).toMatchObject({ n: 10, score: 6, ci95: [5.25, 6.75] });
      // delta 2, SE = sqrt(2/9) = .47140, df = (2/9)² / (2·(1/9)²/9) = 18, t(.975, 18) = 2.1009 → 2 ± .9904 = [1.01, 2.99].
      expect(effect).toMatchObject({ delta: 2, ci95: [1.01, 2.99], significant: true, status: 'measured' });
      // Control: delta 1 ± .9904 = [.01, 1.99]. Adjusted: 2 − 1 = 1, SE = sqrt(4/9) = .66667,
      // df = (4/9)² / (4·(1/9)²/9) = 36, t(.975, 36) = 2.0281 → 1 ± 1.3521 = [−.35, 2.35]: not significant.
      expect(effect.control).toMatchObject({ delta: 1, ci95: [0.01, 1.99] });
      expect(effect).toMatchObject({ adjustedDelta: 1, adjustedCi95: [-0.35, 2.35], adjustedSignificant: false });
    });

    it('fewer answers than the minimum n in a full window: insufficient_data, figures shown, no verdict', () => {
      const effect = measureEffect(input({ metric: 'ces', minN: 30, counts }));
      expect(effect).toMatchObject({ status: 'insufficient_data', delta: 2, ci95: [1.01, 2.99], significant: false, minN: 30 });
    });
  });

  it('while the after-window is not full: measuring, up to now, no verdict however clear the interval', () => {
    const now = new Date('2026-10-15T12:00:00.000Z');
    const effect = measureEffect(input({ metric: 'nps', now, counts: { before: nps(30, 40, 30), after: nps(50, 30, 20), control: null } }));
    expect(effect).toMatchObject({ status: 'measuring', delta: 30, ci95: [8.4, 51.6], significant: false });
    expect(effect.after).toMatchObject({ since: '2026-10-01T00:00:00.000Z', until: '2026-10-15T12:00:00.000Z' });
  });

  it('a launch still ahead: measuring, an empty after-window and no delta; an empty control window drops the control', () => {
    const now = new Date('2026-09-20T00:00:00.000Z');
    const effect = measureEffect(
      input({
        metric: 'nps',
        now,
        counts: { before: nps(3, 0, 1), after: {}, control: { touchpoints: 2, before: nps(1, 1, 1), after: {} } },
      }),
    );
    expect(effect).toMatchObject({ status: 'measuring', delta: null, ci95: null, control: null, adjustedDelta: null });
    expect(effect.after).toEqual({ n: 0, score: null, ci95: null, since: '2026-10-01T00:00:00.000Z', until: '2026-10-01T00:00:00.000Z' });
    // 3 promoters, 1 detractor of 4 → NPS 50.
    expect(effect.before).toMatchObject({ n: 4, score: 50 });
  });

  it('the boundary: the window is full at exactly launch + windowDays', () => {
    const counts = { before: nps(30, 40, 30), after: nps(50, 30, 20), control: null };
    const end = new Date('2026-10-31T00:00:00.000Z');
    expect(measureEffect(input({ metric: 'nps', now: new Date(end.getTime() - 1), counts })).status).toBe('measuring');
    expect(measureEffect(input({ metric: 'nps', now: end, counts })).status).toBe('measured');
  });
});
