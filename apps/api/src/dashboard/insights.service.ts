import { Injectable } from '@nestjs/common';
import { type CommentLanguage, ThemeMatcher } from '@cairn/comments';
import { ThemeService } from '@cairn/insights';
import { ScoreContextService } from '@cairn/scores';
import { CommentQuery } from './comment-query';
import { type CommentRow, InsightsRepository } from './insights.repository';

const SAMPLE = 2000;
// A property with more distinct values than this is an id or free text, not a segment.
const MAX_VALUES = 25;

@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly context: ScoreContextService,
    private readonly themes: ThemeService,
  ) {}

  async comments(workspaceId: string, q: CommentQuery) {
    const filters = await this.context.filters(workspaceId, q);
    const rows = await this.insights.comments({ workspaceId, ...q, filters });
    // Highlighting is read, not stored: the ranges follow the workspace's themes as they are now.
    const matcher = rows.some((r) => r.themes?.length) ? new ThemeMatcher((await this.themes.definitions(workspaceId)).themes) : null;
    return {
      data: rows.map((r) => ({
        id: r.id,
        metric: r.metric,
        score: r.score,
        comment: r.comment,
        locale: r.locale,
        source: r.source,
        createdAt: r.created_at,
        person: r.person_id ? { id: r.person_id, name: r.person_name, email: r.person_email } : null,
        // The comment's case, if its answer opened one: the touchpoint page links to it.
        caseId: r.case_id,
        analysis: analysisOf(r, matcher),
      })),
    };
  }

  /** { plan: ['pro', 'free', …], region: […] }: the segment filter's choices, most answered first. */
  async segments(workspaceId: string) {
    const byKey = new Map<string, string[]>();
    for (const row of await this.insights.segmentValues(workspaceId, SAMPLE)) {
      const values = byKey.get(row.key) ?? [];
      values.push(row.value);
      byKey.set(row.key, values);
    }
    const properties = Object.fromEntries([...byKey].filter(([, values]) => values.length <= MAX_VALUES));
    return { properties };
  }
}

/**
 * The comment's analysis with where its themes are mentioned ([start, end) in the comment after Unicode NFC
 * normalisation), only for the themes the analysis found: a theme edited since then waits for the re-analysis.
 */
function analysisOf(r: CommentRow, matcher: ThemeMatcher | null) {
  if (r.language === null || r.sentiment_label === null) return null;
  const themes = r.themes ?? [];
  const mentions =
    matcher && themes.length
      ? matcher
          .mentionsIn(r.comment.normalize('NFC'), r.language as CommentLanguage)
          .filter((m) => themes.includes(m.theme))
          .sort((a, b) => a.start - b.start || b.end - a.end)
      : [];
  return { language: r.language, sentiment: { score: r.sentiment_score, label: r.sentiment_label }, themes, mentions };
}
