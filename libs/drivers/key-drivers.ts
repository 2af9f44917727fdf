// Key driver analysis, pure: who answered the relationship survey and which touchpoints they answered before it, in;
// each touchpoint's importance, correlation, performance and quadrant, out. No I/O, so every figure can be checked
// against hand-computed ones (key-drivers.spec.ts).
//
// Missing answers: people answer only the touchpoints they passed through, so the correlation matrix is pairwise —
// each cell from the people who answered both (never mean imputation, which would pull every correlation of a
// rarely used touchpoint towards 0). A pair nobody (or fewer than 3 people) answered together counts as uncorrelated.
// The matrix is then made a proper correlation matrix (relative-weights.ts).
import { correlationTest } from './correlation-test';
import { relativeWeights } from './relative-weights';

export type Quadrant = 'fix_first' | 'keep_up' | 'monitor' | 'maintain';

export interface DriverTouchpoint {
  id: string;
  name: string;
  /** The touchpoint's score in the period in its metric's units (NPS points, CSAT %, CES mean); null without answers. */
  performance: number | null;
  /** The same score on the journey map's −1..1 scale (emotionValue), so touchpoints of different metrics compare. */
  normalisedPerformance: number | null;
}

export interface Respondent {
  /** The relationship answer (raw, e.g. NPS 0–10). */
  outcome: number;
  /** One entry per touchpoint in DriverTouchpoint order: the latest answer in the window (raw), or null. */
  scores: Array<number | null>;
}

export interface KeyDriverInput {
  touchpoints: DriverTouchpoint[];
  respondents: Respondent[];
  /** Answers a touchpoint needs (with a relationship answer) before it gets an importance and a verdict. */
  minN: number;
  alpha?: number;
}

export interface Driver extends DriverTouchpoint {
  n: number;
  /** Share of the explained R² (0..1, adding up to 1 over the drivers that have one); null below minN. */
  importance: number | null;
  correlation: number | null;
  pValue: number | null;
  significant: boolean;
  lowN: boolean;
  quadrant: Quadrant | null;
}

export interface KeyDriverResult {
  /** R² of the relationship score on the touchpoints with enough answers; null when none has. */
  r2: number | null;
  drivers: Driver[];
  meanImportance: number | null;
  meanPerformance: number | null;
}

export function keyDrivers(input: KeyDriverInput): KeyDriverResult {
  const { touchpoints, respondents, minN } = input;
  const alpha = input.alpha ?? 0.05;
  const columns = touchpoints.map((_, j) => pairs(respondents, j));
  const tests = columns.map(({ x, y }) => correlationTest(x, y));
  // In the regression: enough answers and a correlation (the touchpoint's answers vary).
  const inModel = touchpoints.map((_, j) => columns[j].x.length >= minN && tests[j] !== null);
  const model = touchpoints.map((_, j) => j).filter((j) => inModel[j]);

  const importance = new Map<number, number>();
  let r2: number | null = null;
  if (model.length > 0) {
    const matrix = correlationMatrix(respondents, model, tests);
    const rw = relativeWeights(matrix);
    r2 = rw.r2;
    model.forEach((j, k) => importance.set(j, rw.r2 > 0 ? rw.weights[k] / rw.r2 : 0));
  }

  const drivers: Driver[] = touchpoints.map((t, j) => {
    const test = tests[j];
    const lowN = !inModel[j];
    return {
      ...t,
      n: columns[j].x.length,
      importance: importance.get(j) ?? null,
      correlation: test?.r ?? null,
      pValue: test?.pValue ?? null,
      // No verdict below minN, however small the p-value.
      significant: !lowN && test !== null && test.pValue < alpha,
      lowN,
      quadrant: null,
    };
  });
  const placed = drivers.filter((d) => d.importance !== null && d.normalisedPerformance !== null);
  // Quadrants are relative to the other touchpoints: with fewer than two there is nothing to be above or below.
  let meanImportance: number | null = null;
  let meanPerformance: number | null = null;
  if (placed.length >= 2) {
    meanImportance = mean(placed.map((d) => d.importance!));
    meanPerformance = mean(placed.map((d) => d.normalisedPerformance!));
    for (const d of placed) d.quadrant = quadrantOf(d.importance! > meanImportance, d.normalisedPerformance! >= meanPerformance);
  }
  drivers.sort((a, b) => (b.importance ?? -1) - (a.importance ?? -1) || a.name.localeCompare(b.name));
  return { r2, drivers, meanImportance, meanPerformance };
}

export function quadrantOf(important: boolean, strong: boolean): Quadrant {
  if (important) return strong ? 'keep_up' : 'fix_first';
  return strong ? 'maintain' : 'monitor';
}

/** Touchpoint j's answers and the relationship answers of the same people. */
function pairs(respondents: Respondent[], j: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const r of respondents) {
    const s = r.scores[j];
    if (s === null || s === undefined) continue;
    x.push(s);
    y.push(r.outcome);
  }
  return { x, y };
}

/** The pairwise correlation matrix of the model's touchpoints, the outcome as the last row and column. */
function correlationMatrix(respondents: Respondent[], model: number[], tests: ReturnType<typeof correlationTest>[]): number[][] {
  const p = model.length;
  const m: number[][] = Array.from({ length: p + 1 }, (_, i) => Array.from({ length: p + 1 }, (_, k) => (i === k ? 1 : 0)));
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) {
      const x: number[] = [];
      const y: number[] = [];
      for (const r of respondents) {
        const u = r.scores[model[a]];
        const v = r.scores[model[b]];
        if (u === null || u === undefined || v === null || v === undefined) continue;
        x.push(u);
        y.push(v);
      }
      const r = correlationTest(x, y)?.r ?? 0;
      m[a][b] = m[b][a] = r;
    }
    m[a][p] = m[p][a] = tests[model[a]]!.r;
  }
  return m;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
