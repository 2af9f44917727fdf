// Shared by the improvements API and dashboard tests: history with a known effect is built from these.
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** NPS answers as promoters (10), passives (8) and detractors (0), in that order. */
export const nps = (promoters: number, passives: number, detractors: number): number[] => [
  ...Array<number>(promoters).fill(10),
  ...Array<number>(passives).fill(8),
  ...Array<number>(detractors).fill(0),
];
