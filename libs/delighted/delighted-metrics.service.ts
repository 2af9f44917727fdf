import { Injectable } from '@nestjs/common';
import { Clock } from '@cairn/common';
import type { NpsResult } from '@cairn/scoring';
import { ScoreService } from '@cairn/scores';
import { DelightedValidationError, ErrorCollector } from './delighted-errors';
import { endOfSecond, Params, str, unix } from './delighted-params';
import { DelightedSurveyService } from './delighted-survey.service';

const DEFAULT_DAYS = 30;

/**
 * GET /metrics.json: the same numbers as GET /api/v1/scores for the Delighted
 * touchpoint (or the `trend` touchpoint) and the same range — computed by the
 * same service — in Delighted's shape: whole numbers, percents of n.
 */
@Injectable()
export class DelightedMetricsService {
  constructor(
    private readonly scores: ScoreService,
    private readonly surveys: DelightedSurveyService,
    private readonly clock: Clock,
  ) {}

  async metrics(workspaceId: string, query: Params) {
    const errors = new ErrorCollector();
    const since = unix(query, 'since', errors);
    const untilParam = unix(query, 'until', errors);
    const trend = str(query, 'trend', errors, 100);
    errors.throwIfAny();
    const until = endOfSecond(untilParam) ?? this.clock.now();
    const from = since ?? new Date(until.getTime() - DEFAULT_DAYS * 86_400_000);
    if (from >= until) throw new DelightedValidationError({ since: ['must be before until'] });
    const touchpoint = await this.surveys.scope(workspaceId, trend);
    if (!touchpoint) throw new DelightedValidationError({ trend: ['is invalid'] });
    const result = (await this.scores.scores(workspaceId, {
      target: { type: 'touchpoint', id: touchpoint.id },
      metric: 'nps',
      since: from,
      until,
      tz: 'UTC',
      interval: 'month',
      segments: [],
      personaId: null,
    })) as unknown as NpsResult;
    return toDelightedMetrics(result);
  }
}

/** From the counts, so the whole-number NPS is never a rounding of an already rounded value. */
export function toDelightedMetrics(r: Pick<NpsResult, 'n' | 'promoters' | 'passives' | 'detractors'>) {
  const percent = (count: number) => (r.n === 0 ? null : roundHalfAway((100 * count) / r.n));
  return {
    nps: r.n === 0 ? null : roundHalfAway((100 * (r.promoters - r.detractors)) / r.n),
    promoter_count: r.promoters,
    promoter_percent: percent(r.promoters),
    passive_count: r.passives,
    passive_percent: percent(r.passives),
    detractor_count: r.detractors,
    detractor_percent: percent(r.detractors),
    response_count: r.n,
  };
}

function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}
