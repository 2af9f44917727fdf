// The colour of a score: a diverging scale anchored per metric, so a card is
// red-side exactly when its score is below the metric's neutral point and
// blue-side when above. Red–blue stays apart for the common colour-vision
// deficiencies (red–green would not), and the score is always printed too.
//
// Anchor = the scale's neutral point: NPS 0 (as many detractors as
// promoters), CSAT 50 % (half satisfied), CES 4 (the mean at "neither agree
// nor disagree"; 1–3 is difficult, 5–7 easy). The colour deepens at 20 % and
// at 50 % of the way from the anchor to the scale's end (the same −1…1
// normalisation as the emotion curve): six classes, three on each side.
// No imports: unit-tested as it is (apps/web/score-scale.spec.ts).

/** Lower edges of classes 1…5 per metric, in the metric's own unit; below the first edge is class 0. */
export const EDGES = {
  nps: [-50, -20, 0, 20, 50],
  csat: [25, 40, 50, 60, 75],
  ces: [2.5, 3.4, 4, 4.6, 5.5],
};

/**
 * Six classes, worst to best. `fill` marks the card (border, legend swatch,
 * chart points); `text` is the score's colour, ≥ 4.5:1 on `tint` and on white;
 * `tint` is the card's background. After ColorBrewer's RdBu.
 */
export const CLASSES = [
  { side: 'below', fill: '#b2182b', text: '#8c1223', tint: '#fbe4e4' },
  { side: 'below', fill: '#d6604d', text: '#a3321f', tint: '#fcebe5' },
  { side: 'below', fill: '#f4a582', text: '#a3401c', tint: '#fdf2ec' },
  { side: 'above', fill: '#92c5de', text: '#1f5b85', tint: '#eef5fa' },
  { side: 'above', fill: '#4393c3', text: '#1c5a8a', tint: '#e5f0f8' },
  { side: 'above', fill: '#2166ac', text: '#174a7e', tint: '#dde9f5' },
];

export const NO_SCORE = { side: 'none', fill: '#9aa5b1', text: '#52606d', tint: '#f5f7fa' };

/** 0…5 for a score of the metric, null without one. Edges belong to the class above them. */
export function scoreClass(metric, score) {
  const edges = EDGES[metric];
  if (!edges || score === null || score === undefined || Number.isNaN(score)) return null;
  let index = 0;
  while (index < edges.length && score >= edges[index]) index++;
  return index;
}

/** The colours of a score (NO_SCORE without one), with its class index. */
export function scoreColors(metric, score) {
  const index = scoreClass(metric, score);
  return index === null ? { ...NO_SCORE, index: null } : { ...CLASSES[index], index };
}

/**
 * One answer's colours (score chips of comments and cases): the colour its metric's score would have if every answer
 * were this one. NPS −100, 0 or +100 for a detractor (0–6), passive (7–8) or promoter (9–10); CSAT 100 % for a
 * satisfied answer (4–5), else 0 %; CES the answer itself, since the score is the answers' mean.
 */
export function answerColors(metric, answer) {
  if (answer === null || answer === undefined || Number.isNaN(answer)) return { ...NO_SCORE, index: null };
  if (metric === 'nps') return scoreColors('nps', answer >= 9 ? 100 : answer >= 7 ? 0 : -100);
  if (metric === 'csat') return scoreColors('csat', answer >= 4 ? 100 : 0);
  return scoreColors(metric, answer);
}

/** The same classes for a value already on −1…1 (the emotion curve's points), edges at ±0.2 and ±0.5. */
export function emotionColors(value) {
  if (value === null || value === undefined) return { ...NO_SCORE, index: null };
  // Rounded so that ±0.2 lands on its edge exactly (0.2 * 100 is 20.000000000000004 in floating point).
  return scoreColors('nps', Math.round(value * 1e6) / 1e4);
}

/** The legend of a metric: one entry per class with its range, [from, to) in the metric's unit (null = open end). */
export function legendRanges(metric) {
  const edges = EDGES[metric];
  return CLASSES.map((colors, i) => ({ ...colors, from: i === 0 ? null : edges[i - 1], to: i === edges.length ? null : edges[i] }));
}
