import { Injectable, NotFoundException } from '@nestjs/common';
import { suggestThemes, themeMatcherFor, type CommentLanguage } from '@cairn/comments';
import { computeScore, type Metric, roundTo, type ScoreCounts } from '@cairn/scoring';
import { chooseMetric, type MapQuery, ScoreContextService, type ScoreQuery, ScoreTargetRepository } from '@cairn/scores';
import { InsightScope, ThemeCountRow, ThemeInsightsRepository } from './theme-insights.repository';
import { ThemeInsightsResponse, ThemeSuggestionsResponse } from './theme-insights.response';
import { ThemeRepository } from './theme.repository';
import { ThemeService } from './theme.service';

/** Themes per stage on the journey map. */
const STAGE_THEMES = 3;

export interface StageThemes {
  stageId: string;
  /** The metric of the impacts: the one most of the stage's answers use. */
  metric: Metric;
  comments: number;
  themes: Array<{ theme: string; name: string; mentions: number; share: number; impact: number | null }>;
}

/** Comments a suggestion read looks at: the newest of the scope. */
const SUGGESTION_COMMENTS = 5_000;

/** GET /insights/themes: what customers write about, and what each theme costs or earns in score points. */
@Injectable()
export class ThemeInsightsService {
  constructor(
    private readonly targets: ScoreTargetRepository,
    private readonly context: ScoreContextService,
    private readonly insights: ThemeInsightsRepository,
    private readonly themeRows: ThemeRepository,
    private readonly themes: ThemeService,
  ) {}

  async themeInsights(workspaceId: string, q: ScoreQuery): Promise<ThemeInsightsResponse> {
    const scope = await this.scope(workspaceId, q);
    const [rows, themes] = await Promise.all([this.insights.counts(scope), this.themeRows.list(workspaceId)]);
    return summarise(scope.metric, rows, new Map(themes.map((t) => [t.key, (t.name as { en?: string }).en ?? t.key])));
  }

  async suggestions(workspaceId: string, q: ScoreQuery): Promise<ThemeSuggestionsResponse> {
    const scope = await this.scope(workspaceId, q);
    const [comments, { themes }] = await Promise.all([
      this.insights.comments(scope, SUGGESTION_COMMENTS),
      this.themes.definitions(workspaceId),
    ]);
    const suggestions = suggestThemes(
      comments.map((c) => ({ text: c.comment, language: c.language as CommentLanguage })),
      themeMatcherFor(themes),
    );
    return {
      comments: comments.length,
      data: suggestions.map((s) => ({ phrase: s.phrase, language: s.language, count: s.count, examples: s.examples })),
    };
  }

  /**
   * The journey map's stage themes: per stage, its most mentioned themes with their impact, on the metric most of
   * the stage's answers use. One read for every stage.
   */
  async stageThemes(workspaceId: string, journeyId: string, q: MapQuery, top = STAGE_THEMES): Promise<StageThemes[]> {
    const filters = await this.context.filters(workspaceId, q);
    const [rows, themes] = await Promise.all([
      this.insights.stageCounts({ workspaceId, journeyId, since: q.since, until: q.until, filters }),
      this.themeRows.list(workspaceId),
    ]);
    const names = new Map(themes.map((t) => [t.key, (t.name as { en?: string }).en ?? t.key]));
    const byStage = new Map<string, Map<Metric, ThemeCountRow[]>>();
    for (const row of rows) {
      const metrics = byStage.get(row.stage_id) ?? new Map<Metric, ThemeCountRow[]>();
      metrics.set(row.metric, [...(metrics.get(row.metric) ?? []), row]);
      byStage.set(row.stage_id, metrics);
    }
    return [...byStage].map(([stageId, metrics]) => {
      const answers = (list: ThemeCountRow[]) => list.reduce((sum, r) => sum + (r.theme === null ? r.n : 0), 0);
      const [metric, list] = [...metrics].sort((a, b) => answers(b[1]) - answers(a[1]) || a[0].localeCompare(b[0]))[0];
      const summary = summarise(metric, list, names);
      return {
        stageId,
        metric,
        comments: summary.comments,
        themes: summary.data
          .slice(0, top)
          .map((d) => ({ theme: d.theme, name: d.name, mentions: d.mentions, share: d.share, impact: d.impact })),
      };
    });
  }

  private async scope(workspaceId: string, q: ScoreQuery): Promise<InsightScope> {
    const [target, filters] = await Promise.all([
      this.targets.resolve(workspaceId, q.target.type, q.target.id),
      this.context.filters(workspaceId, q),
    ]);
    if (!target) throw new NotFoundException(`${q.target.type[0].toUpperCase()}${q.target.type.slice(1)} not found`);
    const metric = chooseMetric(
      q.metric,
      target.touchpoints.flatMap((t) => t.metrics),
      q.target.type,
    );
    return { workspaceId, touchpointIds: target.touchpoints.map((t) => t.id), metric, since: q.since, until: q.until, filters };
  }
}

/**
 * Scores from answer counts per score: all answers, and per theme those whose comment mentions it. Without a
 * theme = all minus with, so one pass over the answers serves every theme. Exported for hand-computed tests.
 */
export function summarise(metric: Metric, rows: ThemeCountRow[], names: Map<string, string>): ThemeInsightsResponse {
  const all: ScoreCounts = {};
  const byTheme = new Map<string, { counts: ScoreCounts; positive: number; neutral: number; negative: number }>();
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  for (const row of rows) {
    if (row.theme === null) {
      all[row.score] = (all[row.score] ?? 0) + row.n;
      sentiment.positive += row.positive;
      sentiment.neutral += row.neutral;
      sentiment.negative += row.negative;
      continue;
    }
    const entry = byTheme.get(row.theme) ?? { counts: {}, positive: 0, neutral: 0, negative: 0 };
    entry.counts[row.score] = (entry.counts[row.score] ?? 0) + row.n;
    entry.positive += row.positive;
    entry.neutral += row.neutral;
    entry.negative += row.negative;
    byTheme.set(row.theme, entry);
  }
  const score = (counts: ScoreCounts) => computeScore(metric, counts).score;
  const overall = score(all);
  const comments = sentiment.positive + sentiment.neutral + sentiment.negative;
  const data = [...byTheme].map(([theme, entry]) => {
    const without: ScoreCounts = {};
    for (const [s, n] of Object.entries(all)) without[Number(s)] = n - (entry.counts[Number(s)] ?? 0);
    const mentions = Object.values(entry.counts).reduce((sum, n) => sum + n, 0);
    const scoreWithout = score(without);
    return {
      theme,
      name: names.get(theme) ?? theme,
      mentions,
      share: comments ? roundTo(mentions / comments, 4) : 0,
      sentiment: { positive: entry.positive, neutral: entry.neutral, negative: entry.negative },
      scoreWith: score(entry.counts),
      scoreWithout,
      impact: overall === null || scoreWithout === null ? null : roundTo(overall - scoreWithout, 2),
    };
  });
  data.sort((a, b) => b.mentions - a.mentions || a.theme.localeCompare(b.theme));
  const n = Object.values(all).reduce((sum, k) => sum + k, 0);
  return { metric, n, comments, score: overall, sentiment, data };
}
