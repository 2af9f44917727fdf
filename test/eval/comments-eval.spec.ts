// Keeps the comment analyser's quality on the held-out labelled set from
// falling below issue 13's goals: sentiment accuracy ≥ 0.85, theme precision
// ≥ 0.85 and recall ≥ 0.80 in every language (themes taken together), plus a
// floor under macro-F1 and under each single theme so one theme cannot
// collapse behind a good average. `npm run eval:comments` prints the figures.
import { COMMENT_LANGUAGES } from '@cairn/comments';
import { evaluateLabelledSet } from './comments-eval.set';

const figures = evaluateLabelledSet();

describe.each(COMMENT_LANGUAGES)('comment analysis of the labelled set in %s', (language) => {
  const f = figures[language];

  it('has the set: at least a third of 300 comments', () => {
    expect(f.n).toBeGreaterThanOrEqual(100);
  });

  it('reads sentiment with accuracy ≥ 0.85 and macro-F1 ≥ 0.83', () => {
    expect(f.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(f.macroF1).toBeGreaterThanOrEqual(0.83);
  });

  it('finds themes with precision ≥ 0.85 and recall ≥ 0.80', () => {
    expect(f.themePrecision).toBeGreaterThanOrEqual(0.85);
    expect(f.themeRecall).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps every theme above 0.6 precision and recall', () => {
    const weak = Object.entries(f.themes)
      .filter(([, t]) => (t.precision ?? 1) < 0.6 || (t.recall ?? 1) < 0.6)
      .map(([theme, t]) => `${theme}: precision ${t.precision}, recall ${t.recall}`);
    expect(weak).toEqual([]);
  });
});

// The held-out set was never read while tuning: its figures are the honest ones, and they guard against rules that
// only fit the tuning set. First measurement (2026-12-02): sentiment en 0.943, sv 0.871, da 0.829; themes precision
// 0.90–0.95, recall 0.90–0.92. After the Danish rules built on 190 new development comments (da-208…): da 0.871,
// themes da 0.935 / 0.923. Floors just below, a comment or two of margin out of 70: the 0.85 goal in sv and da.
const HOLDOUT_ACCURACY: Record<(typeof COMMENT_LANGUAGES)[number], number> = { en: 0.92, sv: 0.85, da: 0.85 };
const holdout = evaluateLabelledSet('holdout');

describe.each(COMMENT_LANGUAGES)('comment analysis of the held-out set in %s', (language) => {
  const f = holdout[language];

  it('has the set: 70 comments', () => {
    expect(f.n).toBeGreaterThanOrEqual(70);
  });

  it(`reads sentiment with accuracy ≥ ${HOLDOUT_ACCURACY[language]}`, () => {
    expect(f.accuracy).toBeGreaterThanOrEqual(HOLDOUT_ACCURACY[language]);
  });

  it('finds themes with precision ≥ 0.85 and recall ≥ 0.85', () => {
    expect(f.themePrecision).toBeGreaterThanOrEqual(0.85);
    expect(f.themeRecall).toBeGreaterThanOrEqual(0.85);
  });
});
