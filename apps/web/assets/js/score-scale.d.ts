// Types for score-scale.js, so the TypeScript unit test can import it.
export interface ScoreColors {
  side: 'below' | 'above' | 'none';
  fill: string;
  text: string;
  tint: string;
}
export declare const EDGES: { nps: number[]; csat: number[]; ces: number[] };
export declare const CLASSES: ScoreColors[];
export declare const NO_SCORE: ScoreColors;
export declare function scoreClass(metric: string, score: number | null | undefined): number | null;
export declare function scoreColors(metric: string, score: number | null | undefined): ScoreColors & { index: number | null };
export declare function answerColors(metric: string, answer: number | null | undefined): ScoreColors & { index: number | null };
export declare function emotionColors(value: number | null | undefined): ScoreColors & { index: number | null };
export declare function legendRanges(metric: string): Array<ScoreColors & { from: number | null; to: number | null }>;
