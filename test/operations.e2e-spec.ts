import { ApiKeyService } from '@cairn/auth';
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

  it('serves OpenAPI; Prometheus metrics only with METRICS_TOKEN set (off here)', async () => {
    const docs = await ctx.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/journeys', '/api/v1/surveys']));
    await ctx
      .http()
      .get('/docs')
      .expect((res) => expect([200, 301, 302]).toContain(res.status));
    await ctx.http().get('/health/live').set('x-request-id', 'abc').expect('x-request-id', 'abc');
    const off = await ctx.http().get('/metrics').set('Authorization', `Bearer ${ctx.apiKey}`).expect(404);
    expect(off.text).not.toContain('cairn_');
    const token = 'operations-test-metrics-token';
    ctx.config.metricsToken = token;
    try {
      const metrics = await ctx.http().get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(metrics.text).toContain('cairn_http_request_duration_seconds_bucket');
      expect(metrics.text).toMatch(/cairn_queue_jobs\{queue="email",state="waiting"\} 0/);
    } finally {
      ctx.config.metricsToken = null;
    }
  });

  it('creates the default workspace with the default detractor rule once', async () => {
    const rules = await ctx.prisma.alertRule.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'response', isDefault: true, thresholds: { nps: 6, csat: 2, ces: 3 } });
    const keys = await ctx.prisma.apiKey.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(keys).toHaveLength(1);
    expect(keys[0].keyHash).not.toContain(ctx.apiKey);
  });

  it('shows the queue board to instance operators only (test/job-isolation.e2e-spec.ts has the sessions)', async () => {
    await ctx.http().get('/admin/queues').expect(401);
    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'viewer', 'viewer');
    await ctx.http().get('/admin/queues').set('Authorization', `Bearer ${viewer.key}`).expect(403);
    // An admin API key is a workspace's, never an operator's: it gets the workspace's jobs instead.
    await ctx.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${ctx.apiKey}`).expect(403);
    await ctx.api('get', '/api/v1/jobs').expect(200);
  });

  it('lets a viewer key read but not write', async () => {
    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'reader', 'viewer');
    await ctx.api('get', '/api/v1/journeys', viewer.key).expect(200);
    const denied = await ctx.api('post', '/api/v1/journeys', viewer.key).send({ name: 'x' }).expect(403);
    expect(denied.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });
});
