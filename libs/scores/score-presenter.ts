// What the API shows of a computed score: the rounded display fields. `raw`
// stays inside the server, where it feeds comparisons and emotion values.
import type { ScoreCounts, ScoreResult } from '@cairn/scoring';
import { roundTo } from '@cairn/scoring';
import type { CountRow } from './score-counts.repository';

export function presentScore(result: ScoreResult) {
  const { raw: _raw, ...shown } = result;
  return shown;
}

export function presentRate({ sent, responded }: { sent: number; responded: number }) {
  // Percent like CSAT and agreePct; null rather than 0 when nothing was sent.
  return { sent, responded, rate: sent === 0 ? null : roundTo((100 * responded) / sent, 1) };
}

/** Adds rows up into score → count per group (range key, or touchpoint|metric|key). */
export function groupCounts(rows: CountRow[], keyOf: (row: CountRow) => string | number): Map<string | number, ScoreCounts> {
  const groups = new Map<string | number, ScoreCounts>();
  for (const row of rows) {
    const key = keyOf(row);
    let counts = groups.get(key);
    if (!counts) groups.set(key, (counts = {}));
    counts[row.score] = (counts[row.score] ?? 0) + row.count;
  }
  return groups;
}
