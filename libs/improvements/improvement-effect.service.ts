import { Injectable } from '@nestjs/common';
import { DEFAULT_MIN_RELIABLE_N, type Metric, type ScoreCounts } from '@cairn/scoring';
import { ScoreCountsRepository, ScoreTargetRepository, planPieces } from '@cairn/scores';
import { DAY_MS, type Effect, type EffectCounts, measureEffect } from './improvement-effect';

export interface EffectSubject {
  workspaceId: string;
  touchpointId: string;
  journeyId: string;
  metric: Metric;
  launchedAt: Date;
  windowDays: number;
}

const BEFORE = 0;
const AFTER = 1;

/**
 * Reads an improvement's answer counts the way score reads do (rollups where whole hours, days and weeks allow,
 * pending deltas, raw rows for the edges), then hands them to the pure maths.
 */
@Injectable()
export class ImprovementEffectService {
  constructor(
    private readonly targets: ScoreTargetRepository,
    private readonly counts: ScoreCountsRepository,
  ) {}

  async effect(s: EffectSubject, now = new Date()): Promise<Effect> {
    // The journey's touchpoints with their metrics, and the workspace's minimum n (null when the journey is archived:
    // the improvement is still measured, without a control).
    const journey = await this.targets.resolve(s.workspaceId, 'journey', s.journeyId);
    const others = (journey?.touchpoints ?? []).filter((t) => t.id !== s.touchpointId && t.metrics.includes(s.metric)).map((t) => t.id);
    const launch = s.launchedAt.getTime();
    const pieces = planPieces([
      { key: BEFORE, from: launch - s.windowDays * DAY_MS, to: launch },
      { key: AFTER, from: launch, to: Math.min(launch + s.windowDays * DAY_MS, now.getTime()) },
    ]);
    const rows = await this.counts.counts({
      workspaceId: s.workspaceId,
      pairs: [s.touchpointId, ...others].map((touchpointId) => ({ touchpointId, metric: s.metric })),
      pieces,
      filters: [],
      byTouchpoint: true,
    });
    const window = (key: number, own: boolean): ScoreCounts => {
      const out: ScoreCounts = {};
      for (const r of rows) {
        if (r.key === key && (r.touchpointId === s.touchpointId) === own) out[r.score] = (out[r.score] ?? 0) + r.count;
      }
      return out;
    };
    const counts: EffectCounts = {
      before: window(BEFORE, true),
      after: window(AFTER, true),
      control: others.length === 0 ? null : { touchpoints: others.length, before: window(BEFORE, false), after: window(AFTER, false) },
    };
    // At least 2 per window, whatever the workspace's minimum: a CES interval needs a spread on both sides.
    const minN = Math.max(2, journey?.minReliableN ?? DEFAULT_MIN_RELIABLE_N);
    return measureEffect({ ...s, now, minN, counts });
  }
}
