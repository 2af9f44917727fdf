import { painPoints, shortQuote, stageComments, targetMet } from './map-layers';
import type { StageThemeQuoteRow } from './map-comments.repository';

describe('journey map layers', () => {
  it('meets a target at or above it, on the metric scale only', () => {
    expect(targetMet('nps', 40, 40)).toBe(true);
    expect(targetMet('nps', 39.9, 40)).toBe(false);
    expect(targetMet('csat', 80, null)).toBeNull();
    expect(targetMet('csat', null, 80)).toBeNull();
    expect(targetMet(null, null, 80)).toBeNull();
    // A CES mean can never be 40: a target set for another metric is not judged.
    expect(targetMet('ces', 6.2, 40)).toBeNull();
    expect(targetMet('ces', 6.2, 6)).toBe(true);
  });

  it('lists touchpoints below target or significantly down, with their reasons', () => {
    const base = {
      name: 't',
      metric: 'nps' as const,
      score: 10,
      reliable: true,
      target: null,
      targetMet: null,
      delta: -5,
      previous: { significant: false },
    };
    expect(
      painPoints([
        { ...base, id: 'a' },
        { ...base, id: 'b', target: 20, targetMet: false },
        { ...base, id: 'c', previous: { significant: true } },
        { ...base, id: 'd', delta: 5, previous: { significant: true } },
        { ...base, id: 'e', target: 20, targetMet: false, previous: { significant: true } },
      ]).map((p) => [p.touchpointId, p.reasons]),
    ).toEqual([
      ['b', ['below_target']],
      ['c', ['significant_drop']],
      ['e', ['below_target', 'significant_drop']],
    ]);
  });

  it('cuts a long comment at a word into one line of at most 200 characters', () => {
    expect(shortQuote('  Slow\n\ndelivery  ')).toBe('Slow delivery');
    const long = 'word '.repeat(60);
    const cut = shortQuote(long);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('word…')).toBe(true);
  });

  it('takes the most negative quote for a negative-leaning theme and the most positive otherwise', () => {
    const row = (theme: string, pick: 'negative' | 'positive', comment: string, negative: number, positive: number, mentions = 3) =>
      ({
        stageId: 's',
        theme,
        name: null,
        mentions,
        negative,
        positive,
        pick,
        responseId: `${theme}-${pick}`,
        comment,
      }) as StageThemeQuoteRow;
    const of = stageComments(
      [{ stageId: 's', n: 4, mean: -0.12345 }],
      [
        row('price', 'negative', 'Too dear', 2, 1),
        row('price', 'positive', 'Fair', 2, 1),
        row('delivery', 'negative', 'Late', 1, 1),
        row('delivery', 'positive', 'Fast', 1, 1),
      ],
    );
    expect(of('s')).toEqual({
      sentiment: -0.123,
      sentimentN: 4,
      topThemes: [
        {
          theme: 'delivery',
          name: 'delivery',
          mentions: 3,
          negativeShare: 0.3333,
          quote: { responseId: 'delivery-positive', text: 'Fast' },
        },
        { theme: 'price', name: 'price', mentions: 3, negativeShare: 0.6667, quote: { responseId: 'price-negative', text: 'Too dear' } },
      ],
    });
    expect(of('other')).toEqual({ sentiment: null, sentimentN: 0, topThemes: [] });
  });
});
