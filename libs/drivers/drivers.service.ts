import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { computeScore, emotionValue, type Interval, type Metric, roundTo, type ScoreCounts, type ScoreResult } from '@cairn/scoring';
import { DriverDataRepository, type CountRow, type RespondentRow } from './driver-data.repository';
import type { DriversQuery } from './drivers-query';
import { DriversResponse, RelationshipTrendResponse } from './drivers.response';
import { keyDrivers, type DriverTouchpoint } from './key-drivers';
import { MIN_THEME_N, themeDrivers } from './theme-drivers';

const TREND_MONTHS = 12;

/** GET /journeys/:id/drivers: which touchpoints (and comment themes) move the journey's relationship score. */
@Injectable()
export class DriversService {
  constructor(private readonly data: DriverDataRepository) {}

  async drivers(workspaceId: string, journeyId: string, q: DriversQuery): Promise<DriversResponse> {
    const subject = await this.data.subject(workspaceId, journeyId);
    if (!subject.journeyFound) throw new NotFoundException('Journey not found');
    if (!subject.survey) {
      throw new UnprocessableEntityException(
        'This journey has no relationship survey: create one (POST /surveys with kind "relationship" and this journeyId) to see its key drivers',
      );
    }
    const survey = subject.survey;
    const scope = { workspaceId, journeyId, since: q.since, until: q.until };
    const { respondents, counts } = await this.data.read({ ...scope, surveyId: survey.id, windowDays: q.windowDays });

    const metrics = touchpointMetrics(subject.touchpoints, respondents, counts);
    const touchpoints: DriverTouchpoint[] = subject.touchpoints.map((t) => {
      const metric = metrics.get(t.id)!;
      const result = computeScore(metric, countsOf(counts, t.id, metric)) as ScoreResult;
      return { id: t.id, name: t.name, performance: round(metric, result.raw.score), normalisedPerformance: emotionValue(metric, result) };
    });
    const index = new Map(subject.touchpoints.map((t, j) => [t.id, j]));
    const matched = respondents.filter((r) => r.answers.some((a) => index.has(a.touchpointId) && metrics.get(a.touchpointId) === a.metric));
    const analysis = keyDrivers({
      touchpoints,
      minN: subject.minReliableN,
      respondents: matched.map((r) => {
        const scores: Array<number | null> = touchpoints.map(() => null);
        for (const a of r.answers) {
          const j = index.get(a.touchpointId);
          if (j !== undefined && metrics.get(a.touchpointId) === a.metric) scores[j] = a.score;
        }
        return { outcome: r.outcome, scores };
      }),
    });
    const outcomeCounts: ScoreCounts = {};
    for (const r of respondents) outcomeCounts[r.outcome] = (outcomeCounts[r.outcome] ?? 0) + 1;
    const outcome = computeScore(survey.metric, outcomeCounts) as ScoreResult;

    return {
      journeyId,
      since: q.since.toISOString(),
      until: q.until.toISOString(),
      windowDays: q.windowDays,
      minN: subject.minReliableN,
      minThemeN: MIN_THEME_N,
      outcome: {
        surveyId: survey.id,
        metric: survey.metric,
        n: respondents.length,
        matched: matched.length,
        score: round(survey.metric, outcome.raw.score),
        r2: maybe(analysis.r2, 3),
      },
      meanImportance: maybe(analysis.meanImportance, 3),
      meanPerformance: maybe(analysis.meanPerformance, 3),
      drivers: analysis.drivers.map((d) => ({
        touchpointId: d.id,
        name: d.name,
        metric: metrics.get(d.id)!,
        n: d.n,
        importance: maybe(d.importance, 3),
        correlation: maybe(d.correlation, 3),
        pValue: significantFigures(d.pValue),
        significant: d.significant,
        performance: d.performance,
        normalisedPerformance: d.normalisedPerformance,
        lowN: d.lowN,
        quadrant: d.quadrant,
      })),
      // Everyone in the analysis (a relationship answer and a touchpoint answer before it) is in one of the two groups.
      themes: themeDrivers(matched.map((r) => ({ outcome: r.outcome, themes: new Set(r.themes) }))).map((t) => ({
        theme: t.theme,
        name: subject.themeNames[t.theme] ?? t.theme,
        n: t.n,
        nWithout: t.nWithout,
        meanWith: roundTo(t.meanWith, 2),
        meanWithout: maybe(t.meanWithout, 2),
        difference: maybe(t.difference, 2),
        ci95: t.ci95 && ([roundTo(t.ci95[0], 2), roundTo(t.ci95[1], 2)] as Interval),
        pValue: significantFigures(t.pValue),
        significant: t.significant,
        lowN: t.lowN,
      })),
    };
  }

  /** The relationship score per calendar month (UTC), the last 12 including this one; empty without a relationship survey. */
  async trend(workspaceId: string, journeyId: string, now: Date): Promise<RelationshipTrendResponse> {
    const subject = await this.data.subject(workspaceId, journeyId);
    if (!subject.journeyFound) throw new NotFoundException('Journey not found');
    if (!subject.survey) return { surveyId: null, metric: null, series: [] };
    const { id, metric } = subject.survey;
    const months = Array.from(
      { length: TREND_MONTHS },
      (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (TREND_MONTHS - 1 - i), 1)),
    );
    const rows = await this.data.monthly(workspaceId, id, months[0]);
    return {
      surveyId: id,
      metric,
      series: months.map((start) => {
        const counts: ScoreCounts = {};
        for (const r of rows) if (new Date(r.month).getTime() === start.getTime()) counts[r.score] = (counts[r.score] ?? 0) + r.n;
        const result = computeScore(metric, counts) as ScoreResult;
        const ci = result.raw.ci95;
        return {
          start: start.toISOString(),
          n: result.n,
          score: round(metric, result.raw.score),
          ci95: ci && ([round(metric, ci[0])!, round(metric, ci[1])!] as Interval),
        };
      }),
    };
  }
}

/**
 * The metric each touchpoint is read in: the one most of the respondents' answers use (a touchpoint may ask two),
 * else the one most of the period's answers use, else NPS (a touchpoint without answers shows no figures anyway).
 */
function touchpointMetrics(touchpoints: Array<{ id: string }>, respondents: RespondentRow[], counts: CountRow[]): Map<string, Metric> {
  const tally = new Map<string, Map<Metric, number>>();
  const add = (tp: string, metric: Metric, n: number, weight: number) => {
    const m = tally.get(tp) ?? new Map<Metric, number>();
    m.set(metric, (m.get(metric) ?? 0) + n * weight);
    tally.set(tp, m);
  };
  // Respondents' answers outweigh any number of the period's answers.
  for (const r of respondents) for (const a of r.answers) add(a.touchpointId, a.metric, 1, 1e9);
  for (const c of counts) add(c.touchpointId, c.metric, c.n, 1);
  return new Map(
    touchpoints.map((t) => {
      const m = [...(tally.get(t.id)?.entries() ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return [t.id, m[0]?.[0] ?? 'nps'];
    }),
  );
}

function countsOf(rows: CountRow[], touchpointId: string, metric: Metric): ScoreCounts {
  const out: ScoreCounts = {};
  for (const r of rows) if (r.touchpointId === touchpointId && r.metric === metric) out[r.score] = (out[r.score] ?? 0) + r.n;
  return out;
}

/** NPS and CSAT points to 0.1, CES means to 0.01 (as the improvements do). */
function round(metric: Metric, x: number | null): number | null {
  return x === null ? null : roundTo(x, metric === 'ces' ? 2 : 1);
}

function maybe(x: number | null, digits: number): number | null {
  return x === null ? null : roundTo(x, digits);
}

/** p-values span many orders of magnitude: three significant figures rather than fixed decimals. */
function significantFigures(p: number | null): number | null {
  return p === null ? null : Number(p.toPrecision(3));
}
