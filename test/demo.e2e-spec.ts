import { DemoSeeder, DEMO_STAGES } from '@cairn/demo';
import { startTestApi, TestContext } from './utils/test-app';

describe('demo workspace', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  it('seeds the five-stage journey with surveys and a realistic spread of responses, once', async () => {
    const seeder = ctx.app.get(DemoSeeder);
    const first = await seeder.seed(ctx.workspaceId, { responses: 3000 });
    expect(first.created).toBe(true);
    expect((await seeder.seed(ctx.workspaceId)).created).toBe(false);

    const journey = (await ctx.api('get', `/api/v1/journeys/${first.journeyId}`).expect(200)).body;
    expect(journey.stages.map((s: { name: string }) => s.name)).toEqual([
      'Awareness',
      'Consideration',
      'Purchase',
      'Delivery & use',
      'Loyalty',
    ]);
    for (const stage of journey.stages) expect(stage.touchpoints.length).toBeGreaterThanOrEqual(2);
    const touchpointCount = DEMO_STAGES.reduce((sum, s) => sum + s.touchpoints.length, 0);
    expect(await ctx.prisma.survey.count({ where: { workspaceId: ctx.workspaceId } })).toBe(touchpointCount);

    expect(await ctx.prisma.response.count({ where: { journeyId: first.journeyId } })).toBe(3000);
    const locales = await ctx.prisma.response.groupBy({ by: ['locale'], where: { comment: { not: null } }, _count: true });
    expect(locales.map((l) => l.locale).sort()).toEqual(['da', 'en', 'sv']);
    const metrics = await ctx.prisma.response.groupBy({ by: ['metric'], _count: true });
    expect(metrics.map((m) => m.metric).sort()).toEqual(['ces', 'csat', 'nps']);
    // Every NPS bucket is represented, so the map shows promoters and detractors alike.
    const nps = await ctx.prisma.response.findMany({ where: { metric: 'nps' }, select: { score: true } });
    expect(nps.some((r) => r.score <= 6) && nps.some((r) => r.score >= 9) && nps.some((r) => r.score === 7 || r.score === 8)).toBe(true);
    const rollupTotal = await ctx.prisma.scoreRollup.aggregate({ _sum: { count: true } });
    expect(rollupTotal._sum.count).toBe(3000);
  });

  it('leaves a demo journey a manager archived as it is, and seeding (every start with --demo) still succeeds', async () => {
    const seeder = ctx.app.get(DemoSeeder);
    const { workspaceId, apiKey } = await ctx.createWorkspace('demo-archived');
    const { journeyId } = await seeder.seed(workspaceId, { responses: 200 });
    await ctx.api('delete', `/api/v1/journeys/${journeyId}`, apiKey).expect(204);

    // Before, the archived journey was not found and a second one was begun: its first touchpoint's key clashed.
    await expect(seeder.seed(workspaceId, { responses: 200 })).resolves.toEqual({ journeyId, created: false, archived: true });
    await ctx.api('get', `/api/v1/journeys/${journeyId}`, apiKey).expect(404);
    expect(await ctx.prisma.journey.count({ where: { workspaceId } })).toBe(1);
    expect(await ctx.prisma.response.count({ where: { workspaceId } })).toBe(200);
  });
});
