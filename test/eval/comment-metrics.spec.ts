import { figuresOf, type Scored } from './comment-metrics';

const row = (label: Scored['expected']['label'], got: Scored['actual']['label'], themes: string[] = [], found: string[] = []): Scored => ({
  expected: { label, themes },
  actual: { label: got, themes: found },
});

describe('figuresOf', () => {
  it('computes accuracy, macro-F1 and the confusion matrix', () => {
    // positive: tp 2, predicted 3, actual 2 → P 2/3, R 1 → F1 0.8
    // neutral: tp 1, predicted 1, actual 2 → P 1, R 0.5 → F1 2/3
    // negative: tp 1, predicted 1, actual 1 → F1 1
    const figures = figuresOf([
      row('positive', 'positive'),
      row('positive', 'positive'),
      row('neutral', 'positive'),
      row('neutral', 'neutral'),
      row('negative', 'negative'),
    ]);
    expect(figures.n).toBe(5);
    expect(figures.accuracy).toBeCloseTo(4 / 5);
    expect(figures.macroF1).toBeCloseTo((0.8 + 2 / 3 + 1) / 3);
    expect(figures.confusion.neutral).toEqual({ positive: 1, neutral: 1, negative: 0 });
  });

  it('computes precision and recall per theme and over all themes', () => {
    const figures = figuresOf([
      row('neutral', 'neutral', ['delivery'], ['delivery', 'price']),
      row('neutral', 'neutral', ['delivery', 'price'], ['delivery']),
      row('neutral', 'neutral', ['returns_refunds'], []),
    ]);
    expect(figures.themes.delivery).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 });
    expect(figures.themes.price).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1, precision: 0, recall: 0 });
    expect(figures.themes.returns_refunds).toMatchObject({ precision: null, recall: 0 });
    expect(figures.themePrecision).toBeCloseTo(2 / 3);
    expect(figures.themeRecall).toBeCloseTo(2 / 4);
  });
});
