import { startTestApi, TestContext } from './utils/test-app';

describe('operations endpoints', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  it('reports liveness and readiness of database and Redis', async () => {
    await ctx.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await ctx.http().get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves OpenAPI and Prometheus metrics', async () => {
    const docs = await ctx.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/journeys', '/api/v1/surveys']));
    await ctx.http().get('/docs').expect((res) => expect([200, 301, 302]).toContain(res.status));
    await ctx.http().get('/health/live').set('x-request-id', 'abc').expect('x-request-id', 'abc');
    const metrics = await ctx.http().get('/metrics').expect(200);
    expect(metrics.text).toContain('cairn_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/cairn_queue_jobs\{queue="email",state="waiting"\} 0/);
  });

  it('creates the default workspace with the default detractor rule once', async () => {
    const rules = await ctx.prisma.alertRule.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'response', isDefault: true, thresholds: { nps: 6, csat: 2, ces: 3 } });
    const keys = await ctx.prisma.apiKey.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(keys).toHaveLength(1);
    expect(keys[0].keyHash).not.toContain(ctx.apiKey);
  });
});
