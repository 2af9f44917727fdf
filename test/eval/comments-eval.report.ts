// Prints the figures of test/eval/comment-metrics.ts as `npm run eval:comments` shows them.
import { type Figures, LABELS } from './comment-metrics';

const pct = (x: number | null) => (x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

export function report(language: string, figures: Figures, log: (line: string) => void): void {
  log(`\n== ${language}: ${figures.n} comments`);
  log(`sentiment accuracy ${pct(figures.accuracy)}   macro-F1 ${pct(figures.macroF1)}`);
  log(`confusion (rows: labelled, columns: analysed)   ${LABELS.map((l) => l.padStart(9)).join('')}`);
  for (const expected of LABELS) {
    log(`  ${expected.padEnd(47)}${LABELS.map((actual) => String(figures.confusion[expected][actual]).padStart(9)).join('')}`);
  }
  log(`themes: precision ${pct(figures.themePrecision)}   recall ${pct(figures.themeRecall)}   (all themes together)`);
  log(
    `  ${'theme'.padEnd(20)}${'labelled'.padStart(9)}${'found'.padStart(7)}${'tp'.padStart(5)}${'fp'.padStart(5)}${'fn'.padStart(5)}  precision  recall`,
  );
  for (const [theme, f] of Object.entries(figures.themes).sort(([a], [b]) => a.localeCompare(b))) {
    const labelled = f.truePositives + f.falseNegatives;
    const found = f.truePositives + f.falsePositives;
    log(
      `  ${theme.padEnd(20)}${String(labelled).padStart(9)}${String(found).padStart(7)}${String(f.truePositives).padStart(5)}${String(f.falsePositives).padStart(5)}${String(f.falseNegatives).padStart(5)}  ${pct(f.precision).padStart(9)}  ${pct(f.recall)}`,
    );
  }
}
