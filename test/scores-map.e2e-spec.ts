import { JourneyMapService, parseMapQuery } from '@cairn/scores';
import { addCounts, createJourney } from './scores-fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('GET /api/v1/journeys/:id/map', () => {
  let ctx: TestContext;
  let journey: Awaited<ReturnType<typeof createJourney>>;
  // 30 days; the trend's six 30-day periods start 150, 120, 90, 60, 30 and 0 days before 1 March.
  const RANGE = { since: '2026-03-01', until: '2026-03-31' };

  beforeAll(async () => {
    ctx = await startTestApi();
    journey = await createJourney(ctx, [['nps', 'csat'], ['ces'], []]);
    const [[a, b], [c]] = journey.tps;
    await addCounts(ctx, a, { 10: 32, 8: 13, 0: 6 }, '2026-03-10T12:00:00Z');
    await addCounts(ctx, a, { 10: 10, 8: 13, 0: 28 }, '2026-02-10T12:00:00Z');
    await addCounts(ctx, a, { 9: 1 }, '2025-10-15T12:00:00Z');
    await addCounts(ctx, b, { 5: 40, 4: 38, 3: 12, 2: 6, 1: 4 }, '2026-03-20T08:00:00Z');
    await addCounts(ctx, c, { 7: 3, 6: 2, 5: 1, 4: 2, 2: 2 }, '2026-03-30T23:59:00Z');
    // A touchpoint without any survey or answer.
    await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId: journey.stageIds[2], name: 'Quiet', key: `quiet-${a.id}`, channel: 'store' })
      .expect(201);
    // ~220 answers through the real recorder (each with its outbox events): more than a minute on a busy machine.
  }, 180_000);
  afterAll(() => ctx.close());

  it('lists every stage in order with its touchpoints, scores, trends and emotion', async () => {
    const res = await ctx.api('get', `/api/v1/journeys/${journey.journeyId}/map`).query(RANGE).expect(200);
    const [s0, s1, s2] = res.body.stages;
    expect(res.body).toMatchObject({
      journey: { id: journey.journeyId },
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-31T00:00:00.000Z',
    });
    expect(res.body.stages.map((s: { position: number; name: string }) => [s.position, s.name])).toEqual([
      [0, 'Stage 0'],
      [1, 'Stage 1'],
      [2, 'Stage 2'],
    ]);

    // A: NPS 51, CI [31.9, 70.1]; previous 30 days −35.3 → delta 86.3, significant.
    const [a, b] = s0.touchpoints;
    expect(a).toMatchObject({
      metric: 'nps',
      channel: 'web',
      n: 51,
      score: 51,
      ci95: [31.9, 70.1],
      reliable: true,
      delta: 86.3,
      emotion: 0.51,
    });
    expect(a.previous).toMatchObject({ score: -35.3, n: 51, significant: true });
    expect(a.trend).toEqual([
      { start: '2025-10-02T00:00:00.000Z', score: 100, n: 1 },
      { start: '2025-11-01T00:00:00.000Z', score: null, n: 0 },
      { start: '2025-12-01T00:00:00.000Z', score: null, n: 0 },
      { start: '2025-12-31T00:00:00.000Z', score: null, n: 0 },
      { start: '2026-01-30T00:00:00.000Z', score: -35.3, n: 51 },
      { start: '2026-03-01T00:00:00.000Z', score: 51, n: 51 },
    ]);
    // B: CSAT 78%, mean 4.04 → emotion (4.04 − 3)/2 = 0.52; no previous answers → delta null.
    expect(b).toMatchObject({ metric: 'csat', n: 100, score: 78, ci95: [68.9, 85], emotion: 0.52, delta: null });
    // Stage 0: (51·0.509804 + 100·0.52)/151 = (26 + 52)/151 = 0.516556 → 0.517.
    expect(s0).toMatchObject({ emotion: 0.517, n: 151 });
    // Stage 1: CES mean 5.0 → (5 − 4)/3 = 0.333; the answers at 23:59 on 30 March are inside the range.
    expect(s1).toMatchObject({ emotion: 0.333, n: 10 });
    expect(s1.touchpoints[0]).toMatchObject({ metric: 'ces', n: 10, score: 5, reliable: false });
    // Stage 2: a touchpoint with no metric yet, and no emotion.
    expect(s2).toMatchObject({ emotion: null, n: 0 });
    expect(s2.touchpoints).toEqual([expect.objectContaining({ name: 'Quiet', metric: null, n: 0, score: null, trend: [] })]);
  });

  it('reads local dates in the given zone', async () => {
    // Stockholm: 1 March 00:00 CET = 28 Feb 23:00Z; 31 March 00:00 CEST = 30 March 22:00Z, so C's answers
    // (30 March 23:59Z = 31 March 01:59 local) fall out of the range.
    const res = await ctx
      .api('get', `/api/v1/journeys/${journey.journeyId}/map`)
      .query({ ...RANGE, tz: 'Europe/Stockholm' })
      .expect(200);
    expect(res.body).toMatchObject({ since: '2026-02-28T23:00:00.000Z', until: '2026-03-30T22:00:00.000Z', tz: 'Europe/Stockholm' });
    expect(res.body.stages[1]).toMatchObject({ emotion: null, n: 0 });
  });

  it('equals the same map counted from raw rows', async () => {
    const service = ctx.app.get(JourneyMapService);
    const q = parseMapQuery({ since: '2026-02-14T10:17:00Z', until: '2026-03-29T03:41:00Z', tz: 'Asia/Kolkata' }, new Date());
    const viaRollups = await service.map(ctx.workspaceId, journey.journeyId, q);
    expect(viaRollups.stages[0].n).toBeGreaterThan(100);
    expect(viaRollups).toEqual(await service.map(ctx.workspaceId, journey.journeyId, q, { rawOnly: true }));
  });

  it('refuses unknown journeys, other workspaces and bad queries', async () => {
    const other = await ctx.createWorkspace('map-other');
    await ctx.api('get', `/api/v1/journeys/${journey.journeyId}/map`, other.apiKey).expect(404);
    const unknown = '00000000-0000-7000-8000-000000000000';
    expect((await ctx.api('get', `/api/v1/journeys/${unknown}/map`).expect(404)).body.message).toBe('Journey not found');
    expect((await ctx.api('get', '/api/v1/journeys/nope/map').expect(400)).body.message).toBe('id must be a UUID');
    const bad = await ctx.api('get', `/api/v1/journeys/${journey.journeyId}/map`).query({ since: 'soon' }).expect(400);
    expect(bad.body.message).toContain('since must be an ISO-8601 date');
    await ctx.api('get', `/api/v1/journeys/${journey.journeyId}/map`).query({ interval: 'day' }).expect(400);
  });
});
