// The three reads of the benchmark, each twice: as a dashboard sends them
// (whole local days: since/until as dates in Europe/Stockholm) and with
// until = "now" at an odd minute and second (the worst case: every range
// edge needs hourly rows and raw rows).
import type { JourneyMapService, ScoreService } from '@cairn/scores';
import { parseMapQuery, parseScoreQuery } from '@cairn/scores';
import type { Case } from './scores-bench.measure';
import type { Seeded } from './scores-seed';

const DAY = 86_400_000;
const TZ = 'Europe/Stockholm';

export function benchCases(scores: ScoreService, maps: JourneyMapService, seeded: Seeded, end: Date): Case[] {
  const ws = seeded.workspaceId;
  // Run k ends k days before the end of the data (dates) or k·7919 minutes mod 10 h before it (odd instants).
  const dates = (k: number, days: number) => ({
    since: new Date(end.getTime() - (k + days) * DAY).toISOString().slice(0, 10),
    until: new Date(end.getTime() - k * DAY).toISOString().slice(0, 10),
  });
  const instants = (k: number, days: number) => {
    const until = end.getTime() - 3_600_000 - ((k * 7919) % 600) * 60_000 - 17_000;
    return { since: new Date(until - days * DAY).toISOString(), until: new Date(until).toISOString() };
  };
  const reads = [
    {
      name: 'touchpoint, 1 year, by month',
      run: (range: object, rawOnly: boolean) =>
        scores.scores(ws, parseScoreQuery({ touchpointId: seeded.touchpointIds[0], ...range, interval: 'month', tz: TZ }, end), {
          rawOnly,
        }),
      days: 365,
    },
    {
      name: 'stage (4 touchpoints), quarter, by week',
      run: (range: object, rawOnly: boolean) =>
        scores.scores(ws, parseScoreQuery({ stageId: seeded.stageIds[0], ...range, interval: 'week', tz: TZ }, end), { rawOnly }),
      days: 91,
    },
    {
      name: 'journey map (24 touchpoints, 30 days, 6 trend periods)',
      run: (range: object, rawOnly: boolean) => maps.map(ws, seeded.journeyId, parseMapQuery({ ...range, tz: TZ }, end), { rawOnly }),
      days: 30,
    },
  ];
  return [
    ...reads.map((r) => ({ name: `${r.name}, local days`, run: (k: number, raw: boolean) => r.run(dates(k, r.days), raw) })),
    ...reads.map((r) => ({ name: `${r.name}, until = odd instant`, run: (k: number, raw: boolean) => r.run(instants(k, r.days), raw) })),
  ];
}
