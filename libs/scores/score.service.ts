import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { type Metric, type ScoreResult, bucketRange, compareScores, computeScore, mergeCounts } from '@cairn/scoring';
import { planPieces } from './range-plan';
import { ResponseRateRepository } from './response-rate.repository';
import { ScoreContextService } from './score-context.service';
import { ScoreCountsRepository } from './score-counts.repository';
import { groupCounts, presentRate, presentScore } from './score-presenter';
import type { ScoreQuery } from './score-query';
import { ScoreTargetRepository, type TargetType } from './score-target.repository';

export interface ReadOptions {
  /** Count from the raw responses table only (the benchmark's baseline). */
  rawOnly?: boolean;
}

const PREVIOUS = 0;

/** GET /scores: one target's score over a range, its series, the previous period and the response rate. */
@Injectable()
export class ScoreService {
  constructor(
    private readonly targets: ScoreTargetRepository,
    private readonly context: ScoreContextService,
    private readonly counts: ScoreCountsRepository,
    private readonly rates: ResponseRateRepository,
  ) {}

  async scores(workspaceId: string, q: ScoreQuery, options: ReadOptions = {}) {
    const [target, filters] = await Promise.all([
      this.targets.resolve(workspaceId, q.target.type, q.target.id),
      this.context.filters(workspaceId, q),
    ]);
    if (!target) throw new NotFoundException(`${capitalise(q.target.type)} not found`);
    const ids = target.touchpoints.map((t) => t.id);
    const metric = chooseMetric(
      q.metric,
      target.touchpoints.flatMap((t) => t.metrics),
      q.target.type,
    );

    const since = q.since.getTime();
    const until = q.until.getTime();
    const starts = bucketRange(q.since, q.until, q.interval, q.tz).map((d) => d.getTime());
    // Key 0 is the previous period; keys 1…K are the series buckets, clipped
    // to the range so that together they are exactly [since, until).
    const ranges = [
      { key: PREVIOUS, from: 2 * since - until, to: since },
      ...starts.map((start, i) => ({ key: i + 1, from: Math.max(start, since), to: Math.min(starts[i + 1] ?? until, until) })),
    ];
    const pieces = planPieces(ranges, { rawOnly: options.rawOnly || filters.length > 0 });
    const [rows, rate] = await Promise.all([
      this.counts.counts({
        workspaceId,
        pairs: ids.map((touchpointId) => ({ touchpointId, metric })),
        pieces,
        filters,
        byTouchpoint: false,
      }),
      this.rates.sentAndResponded({ workspaceId, touchpointIds: ids, metric, since: q.since, until: q.until, filters }),
    ]);
    const byKey = groupCounts(rows, (r) => r.key);
    const compute = (counts: Record<number, number> = {}) =>
      computeScore(metric, counts, { minReliableN: target.minReliableN }) as ScoreResult;
    const series = starts.map((_, i) => compute(byKey.get(i + 1)));
    const current = compute(mergeCounts(...starts.map((_, i) => byKey.get(i + 1) ?? {})));
    const previous = compute(byKey.get(PREVIOUS));

    return {
      target: q.target,
      since: q.since.toISOString(),
      until: q.until.toISOString(),
      tz: q.tz,
      interval: q.interval,
      segment: Object.fromEntries(q.segments.map((f) => [f.property, f.values.length === 1 ? f.values[0] : f.values])),
      persona: q.personaId,
      ...presentScore(current),
      series: series.map((r, i) => ({ start: new Date(starts[i]).toISOString(), n: r.n, score: r.score, ci95: r.ci95 })),
      previous: {
        since: new Date(2 * since - until).toISOString(),
        until: q.since.toISOString(),
        ...compareScores(current as never, previous as never),
      },
      responseRate: presentRate(rate),
    };
  }
}

/** The metric a read of a target uses: the one asked, else the only one its touchpoints are measured by. */
export function chooseMetric(asked: Metric | null, known: Metric[], type: TargetType): Metric {
  if (asked) return asked;
  const distinct = [...new Set(known)].sort();
  if (distinct.length === 1) return distinct[0];
  if (distinct.length === 0) {
    throw new BadRequestException(`metric is required: no survey or answer of this ${type} tells which metric to use`);
  }
  throw new BadRequestException(`metric is required: this ${type} mixes metrics (${distinct.join(', ')})`);
}

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
