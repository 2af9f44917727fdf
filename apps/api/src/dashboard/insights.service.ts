import { Injectable } from '@nestjs/common';
import { ScoreContextService } from '@cairn/scores';
import { CommentQuery } from './comment-query';
import { InsightsRepository } from './insights.repository';

const SAMPLE = 2000;
// A property with more distinct values than this is an id or free text, not a segment.
const MAX_VALUES = 25;

@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly context: ScoreContextService,
  ) {}

  async comments(workspaceId: string, q: CommentQuery) {
    const filters = await this.context.filters(workspaceId, q);
    const rows = await this.insights.comments({ workspaceId, ...q, filters });
    return {
      data: rows.map((r) => ({
        id: r.id,
        metric: r.metric,
        score: r.score,
        comment: r.comment,
        locale: r.locale,
        createdAt: r.created_at,
        person: r.person_id ? { id: r.person_id, name: r.person_name, email: r.person_email } : null,
        // The comment's case, if its answer opened one: the touchpoint page links to it.
        caseId: r.case_id,
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
