import { Injectable, NotFoundException } from '@nestjs/common';
import { type Metric, type ScoreResult, combinedEmotion, compareScores, computeScore, emotionValue } from '@cairn/scoring';
import { MapCommentsRepository } from './map-comments.repository';
import { painPoints, stageComments, targetMet } from './map-layers';
import { planPieces } from './range-plan';
import { ScoreContextService } from './score-context.service';
import { ScoreCountsRepository } from './score-counts.repository';
import { groupCounts } from './score-presenter';
import type { MapQuery } from './score-query';
import type { ReadOptions } from './score.service';
import { type MapTouchpoint, ScoreTargetRepository, journeyPairsSql } from './score-target.repository';

// The trend shows this many periods, each as long as the requested range;
// the last one is the range itself, the one before it the comparison.
export const TREND_PERIODS = 6;
const CURRENT = TREND_PERIODS - 1;

/**
 * GET /journeys/:id/map: every stage in order with its layers (the customer's goal and actions, comment sentiment,
 * top themes, pain points), its touchpoints' scores, trends and targets, and the emotion curve.
 */
@Injectable()
export class JourneyMapService {
  constructor(
    private readonly targets: ScoreTargetRepository,
    private readonly context: ScoreContextService,
    private readonly counts: ScoreCountsRepository,
    private readonly comments: MapCommentsRepository,
  ) {}

  async map(workspaceId: string, journeyId: string, q: MapQuery, options: ReadOptions = {}) {
    // Reads no table unless the query names a persona.
    const filters = await this.context.filters(workspaceId, q);
    const len = q.until.getTime() - q.since.getTime();
    const periods = Array.from({ length: TREND_PERIODS }, (_, key) => {
      const to = q.until.getTime() - (CURRENT - key) * len;
      return { key, from: to - len, to };
    });
    // One round trip: the counts take the journey's (touchpoint, metric)
    // pairs from the database themselves, by the same rule as resolve(), so
    // they need not wait for it. A journey that turns out not to be found
    // counted nothing of anyone else's: its pairs are this workspace's only.
    // The comment layer reads the analyses of the journey's answers in the range: two statements for all stages.
    const scope = { workspaceId, journeyId, since: q.since, until: q.until, filters };
    const [journey, target, rows, sentiment, themes] = await Promise.all([
      this.targets.journeyMap(workspaceId, journeyId),
      this.targets.resolve(workspaceId, 'journey', journeyId),
      this.counts.counts({
        workspaceId,
        pairs: journeyPairsSql(workspaceId, journeyId),
        pieces: planPieces(periods, { rawOnly: options.rawOnly || filters.length > 0 }),
        filters,
        byTouchpoint: true,
      }),
      this.comments.stageSentiment(scope),
      this.comments.stageThemeQuotes(scope),
    ]);
    if (!journey || !target) throw new NotFoundException('Journey not found');
    const metrics = new Map(target.touchpoints.map((t) => [t.id, t.metrics]));
    const groups = groupCounts(rows, (r) => `${r.touchpointId}|${r.metric}|${r.key}`);
    const score = (tp: string, metric: Metric, key: number) =>
      computeScore(metric, groups.get(`${tp}|${metric}|${key}`) ?? {}, { minReliableN: target.minReliableN }) as ScoreResult;

    const entry = (tp: MapTouchpoint, metric: Metric | null) => {
      const base = { id: tp.id, key: tp.key, name: tp.name, channel: tp.channel, owner: tp.owner, target: tp.target, metric };
      if (metric === null) {
        return {
          shown: {
            ...base,
            n: 0,
            score: null,
            ci95: null,
            reliable: false,
            trend: [],
            delta: null,
            previous: null,
            emotion: null,
            targetMet: null,
          },
          part: null,
        };
      }
      const trend = periods.map((p) => ({ p, r: score(tp.id, metric, p.key) }));
      const current = trend[CURRENT].r;
      const previous = compareScores(current as never, trend[CURRENT - 1].r as never);
      const shown = {
        ...base,
        n: current.n,
        score: current.score,
        ci95: current.ci95,
        reliable: current.reliable,
        trend: trend.map(({ p, r }) => ({ start: new Date(p.from).toISOString(), score: r.score, n: r.n })),
        delta: previous.delta,
        previous,
        emotion: emotionValue(metric, current),
        targetMet: targetMet(metric, current.score, tp.target),
      };
      return { shown, part: { metric, result: current } };
    };

    const commentsOf = stageComments(sentiment, themes);
    return {
      journey: { id: journey.id, name: journey.name },
      since: q.since.toISOString(),
      until: q.until.toISOString(),
      tz: q.tz,
      stages: journey.stages.map((stage) => {
        const entries = stage.touchpoints.flatMap((tp) => {
          const own = metrics.get(tp.id) ?? [];
          return own.length === 0 ? [entry(tp, null)] : own.map((m) => entry(tp, m));
        });
        const parts = entries.flatMap((e) => (e.part ? [e.part] : []));
        const shown = entries.map((e) => e.shown);
        return {
          id: stage.id,
          name: stage.name,
          position: stage.position,
          customerGoal: stage.customerGoal,
          customerActions: stage.customerActions,
          emotion: combinedEmotion(parts),
          n: parts.reduce((sum, p) => sum + p.result.n, 0),
          ...commentsOf(stage.id),
          painPoints: painPoints(shown),
          touchpoints: shown,
        };
      }),
    };
  }
}
