// Johnson's (2000) relative weights: how much of the regression's R² each predictor carries, when predictors are
// correlated with each other. The predictors are replaced by their closest orthogonal counterparts Z = X·R^(−1/2)
// (R = Q·D·Qᵀ, Λ = Q·D^(1/2)·Qᵀ), the outcome is regressed on Z (β = Λ⁻¹·r), and each predictor's weight is
// εⱼ = Σₖ Λⱼₖ²·βₖ². The weights add up to R² exactly and come from the correlation matrix alone, so a pairwise matrix
// (people answer only some touchpoints) can be used as it is. Chosen over the Shapley decomposition of R² because it
// needs one eigen-decomposition instead of 2^p regressions (a journey can have 20+ touchpoints) and agrees with
// Shapley to a few thousandths in published comparisons; two near-identical predictors share their weight instead of
// one taking it all (what plain standardised betas do).
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface RelativeWeights {
  /** εⱼ per predictor, in the order given; they add up to r2. */
  weights: number[];
  r2: number;
}

// Directions with eigenvalues below this carry no information (exactly collinear predictors): left out of β, as a
// pseudo-inverse does, instead of dividing by ~0.
const NULL_EIGENVALUE = 1e-10;

/**
 * Relative weights from a full correlation matrix whose last row/column is the outcome. The matrix is first made a
 * proper correlation matrix (pairwise correlations from different people need not be positive semi-definite).
 */
export function relativeWeights(correlations: number[][]): RelativeWeights {
  const full = nearestCorrelation(correlations);
  const p = full.length - 1;
  if (p < 1) return { weights: [], r2: 0 };
  const rxx = new Matrix(full.slice(0, p).map((row) => row.slice(0, p)));
  const rxy = Matrix.columnVector(full.slice(0, p).map((row) => row[p]));
  const eig = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const q = eig.eigenvectorMatrix;
  const d = eig.realEigenvalues;
  const sqrtD = Matrix.diag(d.map((x) => Math.sqrt(Math.max(x, 0))));
  const invSqrtD = Matrix.diag(d.map((x) => (x > NULL_EIGENVALUE ? 1 / Math.sqrt(x) : 0)));
  const lambda = q.mmul(sqrtD).mmul(q.transpose());
  const beta = q.mmul(invSqrtD).mmul(q.transpose()).mmul(rxy).getColumn(0);
  const weights = Array.from({ length: p }, (_, j) => beta.reduce((sum, b, k) => sum + lambda.get(j, k) ** 2 * b ** 2, 0));
  return { weights, r2: weights.reduce((a, b) => a + b, 0) };
}

// Eigenvalues of a correlation matrix built pairwise may dip below 0; clipped to this and the diagonal rescaled to 1
// (one step of Higham's nearest-correlation projection — enough to keep R² within [0, 1]).
const EIGEN_FLOOR = 1e-8;

export function nearestCorrelation(c: number[][]): number[][] {
  const m = new Matrix(c);
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  if (Math.min(...eig.realEigenvalues) >= 0) return c.map((row) => [...row]);
  const q = eig.eigenvectorMatrix;
  const fixed = q
    .mmul(Matrix.diag(eig.realEigenvalues.map((x) => Math.max(x, EIGEN_FLOOR))))
    .mmul(q.transpose())
    .to2DArray();
  return fixed.map((row, i) => row.map((x, j) => (i === j ? 1 : x / Math.sqrt(fixed[i][i] * fixed[j][j]))));
}
