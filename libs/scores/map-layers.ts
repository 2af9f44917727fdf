// The journey map's layers computed from what the map already read: targets met or missed, pain points, and the
// comment layer (sentiment, top themes with a quote). Pure, so the rules are tested on hand-made rows.
import { type Metric, SCORE_RANGES, roundTo } from '@cairn/scoring';
import { QUOTE_CHARS, type StageSentimentRow, type StageThemeQuoteRow } from './map-comments.repository';

/** Themes shown per stage. */
export const TOP_THEMES = 3;

export type PainReason = 'below_target' | 'significant_drop';

/**
 * Whether a touchpoint's displayed score reaches its target (higher is better on all three scales). Null when it
 * has no target, no answers in the range, or a target off this metric's scale (a survey of another metric added
 * after the target was set: the number means nothing there).
 */
export function targetMet(metric: Metric | null, score: number | null, target: number | null): boolean | null {
  if (metric === null || score === null || target === null) return null;
  const { min, max } = SCORE_RANGES[metric];
  if (target < min || target > max) return null;
  return score >= target;
}

export interface PainCandidate {
  id: string;
  name: string;
  metric: Metric | null;
  score: number | null;
  reliable: boolean;
  target: number | null;
  targetMet: boolean | null;
  delta: number | null;
  previous: { significant: boolean } | null;
}

/**
 * Touchpoints below target, or significantly down against the previous period of equal length — `previous.significant`
 * is compareScores' 95 % test (NPS: difference over the SE of two independent periods; CSAT: pooled two-proportion z;
 * CES: Welch z) — with a negative delta.
 */
export function painPoints(entries: PainCandidate[]) {
  return entries.flatMap((e) => {
    const reasons: PainReason[] = [];
    if (e.targetMet === false) reasons.push('below_target');
    if (e.previous?.significant && e.delta !== null && e.delta < 0) reasons.push('significant_drop');
    if (reasons.length === 0) return [];
    return [
      {
        touchpointId: e.id,
        name: e.name,
        metric: e.metric,
        reasons,
        score: e.score,
        target: e.target,
        delta: e.delta,
        reliable: e.reliable,
      },
    ];
  });
}

export interface StageComments {
  sentiment: number | null;
  sentimentN: number;
  topThemes: Array<{
    theme: string;
    name: string;
    mentions: number;
    negativeShare: number;
    quote: { responseId: string; text: string } | null;
  }>;
}

const NO_COMMENTS: StageComments = { sentiment: null, sentimentN: 0, topThemes: [] };

/** Per stage id: the mean sentiment of its analysed comments and its most mentioned themes, each with a quote. */
export function stageComments(
  sentiment: StageSentimentRow[],
  themes: StageThemeQuoteRow[],
  top = TOP_THEMES,
): (stageId: string) => StageComments {
  const byStage = new Map<string, StageComments>();
  for (const row of sentiment) {
    byStage.set(row.stageId, { sentiment: roundTo(row.mean, 3), sentimentN: row.n, topThemes: [] });
  }
  const quotes = new Map<string, StageThemeQuoteRow[]>();
  for (const row of themes) {
    const key = `${row.stageId}|${row.theme}`;
    quotes.set(key, [...(quotes.get(key) ?? []), row]);
  }
  const perStage = new Map<string, StageThemeQuoteRow[][]>();
  for (const rows of quotes.values()) perStage.set(rows[0].stageId, [...(perStage.get(rows[0].stageId) ?? []), rows]);
  for (const [stageId, list] of perStage) {
    list.sort((a, b) => b[0].mentions - a[0].mentions || a[0].theme.localeCompare(b[0].theme));
    const entry = byStage.get(stageId) ?? { ...NO_COMMENTS };
    entry.topThemes = list.slice(0, top).map((rows) => {
      const { theme, name, mentions, negative, positive } = rows[0];
      // Negative-leaning: more negative than positive mentions; its quote then shows what hurts.
      const pick = negative > positive ? 'negative' : 'positive';
      const quote = rows.find((r) => r.pick === pick) ?? rows[0];
      return {
        theme,
        name: name ?? theme,
        mentions,
        negativeShare: mentions ? roundTo(negative / mentions, 4) : 0,
        quote: { responseId: quote.responseId, text: shortQuote(quote.comment) },
      };
    });
    byStage.set(stageId, entry);
  }
  return (stageId) => byStage.get(stageId) ?? NO_COMMENTS;
}

/** One line of at most QUOTE_CHARS characters: whitespace collapsed, a longer comment cut at a word with "…". */
export function shortQuote(comment: string, limit = QUOTE_CHARS): string {
  const text = comment.replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  const cut = chars.slice(0, limit - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
