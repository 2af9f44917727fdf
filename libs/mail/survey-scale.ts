// Scales and buckets come from the scoring module so the email can never
// offer a score, or color a bucket, that scoring reads differently.
import { bucketOf, SCALES, type Metric } from '@cairn/scoring';

export type SurveyMetric = Metric;

/** Every score a respondent can pick, lowest first: one email button each. */
export function scoreValues(metric: SurveyMetric): number[] {
  const { min, max } = SCALES[metric];
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

export interface ScoreCellColors {
  background: string;
  text: string;
}

const NPS_COLORS = {
  detractor: { background: '#f7c1bd', text: '#7a1b13' },
  passive: { background: '#ffd98a', text: '#5c4400' },
  promoter: { background: '#a9dfbf', text: '#145a32' },
} satisfies Record<string, ScoreCellColors>;
const NEUTRAL: ScoreCellColors = { background: '#e3e8ee', text: '#1f2933' };

/**
 * Only NPS cells carry bucket colors (the brief's red/amber/green). CSAT and
 * CES stay neutral so the buttons do not nudge respondents toward an end.
 */
export function scoreCellColors(metric: SurveyMetric, score: number): ScoreCellColors {
  return metric === 'nps' ? NPS_COLORS[bucketOf('nps', score)] : NEUTRAL;
}
