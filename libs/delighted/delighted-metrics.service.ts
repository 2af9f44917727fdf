import { Injectable } from '@nestjs/common';
import { Clock } from '@cairn/common';
import type { Metric } from '@cairn/database';
import { bucketOf } from '@cairn/scoring';
import { DelightedValidationError, ErrorCollector } from './delighted-errors';
import { DELIGHTED_GROUPS, DelightedGroup, sourcesOfGroups } from './delighted-groups';
import { DelightedMetricsRepository } from './delighted-metrics.repository';
import { endOfSecond, list, Params, str, unix } from './delighted-params';
import { DelightedSurveyService } from './delighted-survey.service';
import type { DelightedMetricsResponse } from './delighted.response';

/**
 * GET /metrics.json as Delighted computed it: all time unless `since`/`until` say otherwise, only the `groups[]`
 * channels when given, zeros (never null) without responses, and the metric of the touchpoint's survey (a CSAT
 * `trend` answers CSAT's numbers). Responses of people deleted through this API are not counted.
 */
@Injectable()
export class DelightedMetricsService {
  constructor(
    private readonly repo: DelightedMetricsRepository,
    private readonly surveys: DelightedSurveyService,
    private readonly clock: Clock,
  ) {}

  async metrics(workspaceId: string, query: Params) {
    const errors = new ErrorCollector();
    const since = unix(query, 'since', errors);
    const untilParam = unix(query, 'until', errors);
    const trend = str(query, 'trend', errors, 100);
    const groups = list(query, 'groups');
    for (const group of groups) {
      if (!(DELIGHTED_GROUPS as readonly string[]).includes(group))
        errors.add('groups', `${group} is not included in the list (${DELIGHTED_GROUPS.join(', ')})`);
    }
    errors.throwIfAny();
    const until = endOfSecond(untilParam) ?? new Date(this.clock.now().getTime() + 1000);
    if (since && since >= until) throw new DelightedValidationError({ since: ['must be before until'] });
    const touchpoint = await this.surveys.scope(workspaceId, trend);
    if (!touchpoint) throw new DelightedValidationError({ trend: ['is invalid'] });
    const metric = (await this.repo.metricOf(touchpoint.id)) ?? 'nps';
    const counts = await this.repo.countByScore(
      {
        workspaceId,
        touchpointId: touchpoint.id,
        from: since,
        until,
        sources: groups.length ? sourcesOfGroups(groups as DelightedGroup[]) : undefined,
      },
      metric,
    );
    return toDelightedMetrics(metric, counts);
  }
}

const FIELDS: Record<Metric, [string, string, string]> = {
  nps: ['promoter', 'passive', 'detractor'],
  csat: ['satisfied', 'neutral', 'dissatisfied'],
  ces: ['agree', 'neutral', 'disagree'],
};

/**
 * Delighted's shape for the metric: NPS = %promoters − %detractors, CSAT = % satisfied, CES = % agree, each from the
 * counts (never a rounding of a rounded value), whole numbers, 0 when there are no responses.
 */
export function toDelightedMetrics(metric: Metric, counts: Array<{ score: number; count: number }>): DelightedMetricsResponse {
  const [top, middle, bottom] = FIELDS[metric];
  const tally: Record<string, number> = { [top]: 0, [middle]: 0, [bottom]: 0 };
  for (const { score, count } of counts) tally[bucketOf(metric, score)] += count;
  const n = tally[top] + tally[middle] + tally[bottom];
  const percent = (count: number) => (n === 0 ? 0 : roundHalfAway((100 * count) / n));
  const headline = metric === 'nps' ? (n === 0 ? 0 : roundHalfAway((100 * (tally[top] - tally[bottom])) / n)) : percent(tally[top]);
  // Delighted's field order: the score, each bucket's count and percent, then the total.
  const body: Record<string, number> = {
    [metric]: headline,
    [`${top}_count`]: tally[top],
    [`${top}_percent`]: percent(tally[top]),
    [`${middle}_count`]: tally[middle],
    [`${middle}_percent`]: percent(tally[middle]),
    [`${bottom}_count`]: tally[bottom],
    [`${bottom}_percent`]: percent(tally[bottom]),
  };
  return { ...body, response_count: n };
}

function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}
