import { DemoSeeder } from '@cairn/demo';
import { CommentAnalysisService } from '@cairn/insights';
import { startTestApi, TestContext } from './utils/test-app';

// Issue 20, point 9: the journey map page reads everything it draws in one request
// (GET /api/v1/dashboard/map-view/:id), the same map as GET /journeys/:id/map.
describe('dashboard map view API', () => {
  let ctx: TestContext;
  let journeyId: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    ({ journeyId } = await ctx.app.get(DemoSeeder).seed(ctx.workspaceId));
  });
  afterAll(() => ctx.close());

  const range = 'since=2026-01-01&until=2026-12-01&tz=Europe%2FStockholm';

  it('answers the map of GET /journeys/:id/map, the journeys for the picker and the filter choices', async () => {
    const [view, map, journeys, segments, personas] = await Promise.all([
      ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}?${range}`).expect(200),
      ctx.api('get', `/api/v1/journeys/${journeyId}/map?${range}`).expect(200),
      ctx.api('get', '/api/v1/journeys').expect(200),
      ctx.api('get', '/api/v1/dashboard/segments').expect(200),
      ctx.api('get', '/api/v1/personas').expect(200),
    ]);
    expect(view.body.map).toEqual(map.body);
    expect(view.body.map.stages.flatMap((s: { touchpoints: unknown[] }) => s.touchpoints)).toHaveLength(11);
    expect(view.body.journeys).toEqual(journeys.body.data.map((j: { id: string; name: string }) => ({ id: j.id, name: j.name })));
    expect(view.body.filters).toEqual({ segments: segments.body.properties, personas: personas.body.data });
    expect(Object.keys(view.body.filters.segments).length).toBeGreaterThan(0);
  });

  it('takes the segment and persona filters as the map does', async () => {
    const property = Object.keys((await ctx.api('get', '/api/v1/dashboard/segments').expect(200)).body.properties)[0];
    const value = (await ctx.api('get', '/api/v1/dashboard/segments').expect(200)).body.properties[property][0];
    const filter = `${range}&segment.${encodeURIComponent(property)}=${encodeURIComponent(value)}`;
    const [view, map, all] = await Promise.all([
      ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}?${filter}`).expect(200),
      ctx.api('get', `/api/v1/journeys/${journeyId}/map?${filter}`).expect(200),
      ctx.api('get', `/api/v1/journeys/${journeyId}/map?${range}`).expect(200),
    ]);
    expect(view.body.map).toEqual(map.body);
    expect(view.body.map).not.toEqual(all.body);
  });

  it("carries each stage's three most mentioned themes with the impact GET /insights/themes gives the stage", async () => {
    // The demo's comments, analysed here rather than by a worker: the read is what this test is about.
    await ctx.app.get(CommentAnalysisService).analyseWorkspace({ workspaceId: ctx.workspaceId });
    expect((await ctx.api('get', '/api/v1/themes').expect(200)).body.analysis.pending).toBe(0);
    const view = await ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}?${range}`).expect(200);
    const stageThemes: Array<{ stageId: string; metric: string; comments: number; themes: Array<Record<string, unknown>> }> =
      view.body.stageThemes;
    const stageIds = view.body.map.stages.map((s: { id: string }) => s.id);
    expect(stageThemes.map((s) => s.stageId).sort()).toEqual([...stageIds].sort());
    let themed = 0;
    for (const stage of stageThemes) {
      const insights = await ctx.api('get', `/api/v1/insights/themes?stageId=${stage.stageId}&metric=${stage.metric}&${range}`).expect(200);
      expect(stage.comments).toBe(insights.body.comments);
      expect(stage.themes).toEqual(
        insights.body.data
          .slice(0, 3)
          .map((d: Record<string, unknown>) => ({ theme: d.theme, name: d.name, mentions: d.mentions, share: d.share, impact: d.impact })),
      );
      themed += stage.themes.length;
    }
    expect(themed).toBeGreaterThan(0);
  });

  it('answers bad input, other workspaces and strangers as the map does', async () => {
    await ctx.http().get(`/api/v1/dashboard/map-view/${journeyId}`).expect(401);
    await ctx.api('get', '/api/v1/dashboard/map-view/not-a-uuid').expect(400);
    await ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}?since=yesterday`).expect(400);
    await ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}?colour=red`).expect(400);
    await ctx.api('get', '/api/v1/dashboard/map-view/00000000-0000-4000-8000-000000000000').expect(404);
    const other = await ctx.createWorkspace(`map-view-${Date.now()}`);
    await ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}`, other.apiKey).expect(404);
  });
});
