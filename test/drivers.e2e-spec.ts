import { ApiKeyService } from '@cairn/auth';
import { DriversService, type DriversResponse } from '@cairn/drivers';
import { computeScore, type ScoreResult } from '@cairn/scoring';
import { DAY, seedSyntheticJourney, type SeededJourney } from './drivers.fixtures';
import { startTestApi, type TestContext } from './utils/test-app';

describe('Key drivers: GET /journeys/:id/drivers on synthetic data of known structure (real Postgres)', () => {
  let ctx: TestContext;
  let seeded: SeededJourney;
  let viewer: string;
  const now = Date.now();
  const since = new Date(now - 30 * DAY).toISOString();
  const until = new Date(now).toISOString();

  beforeAll(async () => {
    ctx = await startTestApi();
    viewer = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'reader', 'viewer')).key;
    seeded = await seedSyntheticJourney(ctx, 3, now);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const byName = (r: DriversResponse) => Object.fromEntries(r.drivers.map((d) => [d.name, d]));

  it('the service recovers the order and significance of the truth; the collinear twins share their importance', async () => {
    const result = await ctx.app
      .get(DriversService)
      .drivers(ctx.workspaceId, seeded.journeyId, { since: new Date(since), until: new Date(until), tz: 'UTC', windowDays: 90 });
    // 500 in the window + 20 whose touchpoint answers are 120 days older (outside the 90-day window).
    expect(result.outcome).toMatchObject({ surveyId: seeded.relationshipSurveyId, metric: 'nps', n: 520, matched: 500 });
    expect(result.outcome.r2).toBeGreaterThan(0.3);
    const names = result.drivers.map((d) => d.name);
    expect(names[0]).toBe('strong');
    expect(names.slice(1, 3).sort()).toEqual(['twinA', 'twinB']);
    expect(names.slice(3)).toEqual(['weak', 'none', 'rare']);
    const d = byName(result);
    for (const key of ['strong', 'twinA', 'twinB', 'weak']) expect(d[key]).toMatchObject({ significant: true, lowN: false });
    expect(d.none.significant).toBe(false);
    expect(d.none.importance).toBeLessThan(0.02);
    const pair = d.twinA.importance! + d.twinB.importance!;
    expect(d.twinA.importance! / pair).toBeGreaterThan(0.35);
    expect(d.twinA.importance! / pair).toBeLessThan(0.65);
    // Shares of R² add up to 1 (rounded to 3 decimals each).
    const shares = result.drivers.filter((x) => x.importance !== null).reduce((s, x) => s + x.importance!, 0);
    expect(shares).toBeCloseTo(1, 2);
    // Below the workspace's minimum n (30): figures shown where they exist, no importance, no verdict, no quadrant.
    expect(d.rare).toMatchObject({ n: 5, importance: null, significant: false, lowN: true, quadrant: null });
    // Important and the weakest performer of the important ones: fix first.
    expect(d.strong.quadrant).toBe('fix_first');
    expect(d.strong.metric).toBe('csat');
  });

  it("performance is the touchpoint's score over its answers in [since, until) with the product.md maths", async () => {
    const res = await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?since=${since}&until=${until}`).expect(200);
    const body = res.body as DriversResponse;
    const inPeriod = (key: string) => seeded.answers.filter((a) => a.key === key && a.at >= Date.parse(since) && a.at < Date.parse(until));
    for (const key of ['strong', 'weak', 'none'] as const) {
      const counts: Record<number, number> = {};
      for (const a of inPeriod(key)) counts[a.score] = (counts[a.score] ?? 0) + 1;
      const metric = byName(body)[key].metric;
      const expected = (computeScore(metric, counts) as ScoreResult).raw.score!;
      expect(byName(body)[key].performance).toBeCloseTo(expected, metric === 'ces' ? 2 : 1);
    }
    // The relationship answers (NPS, no touchpoint) are no touchpoint's.
    expect(byName(body).strong.metric).toBe('csat');
  });

  it('themes as drivers: "delivery" goes with lower relationship scores (Welch), "price" does not', async () => {
    const res = await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?since=${since}&until=${until}`, viewer).expect(200);
    const themes = (res.body as DriversResponse).themes;
    expect(themes[0]).toMatchObject({ theme: 'delivery', name: 'Delivery', significant: true, lowN: false });
    expect(themes[0].difference).toBeLessThan(-1);
    expect(themes[0].ci95![1]).toBeLessThan(0);
    expect(themes[0].n + themes[0].nWithout).toBe(500);
    const price = themes.find((t) => t.theme === 'price')!;
    expect(price.significant).toBe(false);
    expect(price.ci95![0]).toBeLessThan(0);
    expect(price.ci95![1]).toBeGreaterThan(0);
  });

  it('404 for an unknown journey or another workspace’s, 422 without a relationship survey, 400 for bad input', async () => {
    await ctx.api('get', '/api/v1/journeys/0190a7f0-0000-7000-8000-000000000000/drivers').expect(404);
    const other = await ctx.createWorkspace('drivers-elsewhere');
    await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers`, other.apiKey).expect(404);
    const plain = await ctx.api('post', '/api/v1/journeys').send({ name: 'No relationship survey' }).expect(201);
    const res = await ctx.api('get', `/api/v1/journeys/${plain.body.id}/drivers`).expect(422);
    expect(res.body.message).toMatch(/no relationship survey/);
    await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?windowDays=0`).expect(400);
    await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?windowDays=abc`).expect(400);
    await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?foo=1`).expect(400);
    await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?since=yesterday`).expect(400);
    await ctx.api('get', '/api/v1/journeys/not-a-uuid/drivers').expect(400);
    await ctx.http().get(`/api/v1/journeys/${seeded.journeyId}/drivers`).expect(401);
  });

  it('a shorter window keeps fewer touchpoint answers: the n per touchpoint shrinks, the outcome n does not', async () => {
    const q = `since=${since}&until=${until}`;
    const wide = (await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?${q}`).expect(200)).body as DriversResponse;
    const narrow = (await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/drivers?${q}&windowDays=20`).expect(200))
      .body as DriversResponse;
    expect(narrow.windowDays).toBe(20);
    expect(narrow.outcome.n).toBe(wide.outcome.n);
    expect(byName(narrow).strong.n).toBeLessThan(byName(wide).strong.n);
  });

  it('relationship trend: 12 months, this month holding the answers; a journey without the survey has none', async () => {
    const res = await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/relationship-trend`, viewer).expect(200);
    expect(res.body).toMatchObject({ surveyId: seeded.relationshipSurveyId, metric: 'nps' });
    expect(res.body.series).toHaveLength(12);
    const total = res.body.series.reduce((s: number, p: { n: number }) => s + p.n, 0);
    expect(total).toBe(520);
    const last = res.body.series[11];
    expect(new Date(last.start).getUTCMonth()).toBe(new Date(now).getUTCMonth());
    const plain = await ctx.api('post', '/api/v1/journeys').send({ name: 'Plain' }).expect(201);
    const none = await ctx.api('get', `/api/v1/journeys/${plain.body.id}/relationship-trend`).expect(200);
    expect(none.body).toEqual({ surveyId: null, metric: null, series: [] });
  });
});
