// Quality figures of the comment analyser against a labelled set: sentiment
// accuracy and macro-F1 over the three classes, a confusion matrix, and
// precision/recall per theme (micro-averaged over themes as well).
export const LABELS = ['positive', 'neutral', 'negative'] as const;
export type Label = (typeof LABELS)[number];

export interface Scored {
  expected: { label: Label; themes: string[] };
  actual: { label: Label; themes: string[] };
}

export interface ThemeFigures {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when the analyser never named the theme (nothing to be precise about). */
  precision: number | null;
  /** null when no comment of the set has the theme. */
  recall: number | null;
}

export interface Figures {
  n: number;
  accuracy: number;
  macroF1: number;
  /** confusion[expected][actual] = count */
  confusion: Record<Label, Record<Label, number>>;
  themes: Record<string, ThemeFigures>;
  /** Over all themes together: every theme decision of every comment. */
  themePrecision: number | null;
  themeRecall: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function figuresOf(rows: Scored[]): Figures {
  const confusion = Object.fromEntries(LABELS.map((e) => [e, Object.fromEntries(LABELS.map((a) => [a, 0]))])) as Figures['confusion'];
  let correct = 0;
  for (const { expected, actual } of rows) {
    confusion[expected.label][actual.label]++;
    if (expected.label === actual.label) correct++;
  }
  const f1s = LABELS.map((label) => {
    const tp = confusion[label][label];
    const predicted = LABELS.reduce((n, e) => n + confusion[e][label], 0);
    const actual = LABELS.reduce((n, a) => n + confusion[label][a], 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = actual === 0 ? 0 : tp / actual;
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  const themes: Record<string, ThemeFigures> = {};
  const figure = (key: string) =>
    (themes[key] ??= { truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: null, recall: null });
  for (const { expected, actual } of rows) {
    for (const key of actual.themes) {
      if (expected.themes.includes(key)) figure(key).truePositives++;
      else figure(key).falsePositives++;
    }
    for (const key of expected.themes) if (!actual.themes.includes(key)) figure(key).falseNegatives++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const f of Object.values(themes)) {
    f.precision = ratio(f.truePositives, f.truePositives + f.falsePositives);
    f.recall = ratio(f.truePositives, f.truePositives + f.falseNegatives);
    tp += f.truePositives;
    fp += f.falsePositives;
    fn += f.falseNegatives;
  }
  return {
    n: rows.length,
    accuracy: rows.length === 0 ? 0 : correct / rows.length,
    macroF1: f1s.reduce((a, b) => a + b, 0) / LABELS.length,
    confusion,
    themes,
    themePrecision: ratio(tp, tp + fp),
    themeRecall: ratio(tp, tp + fn),
  };
}
