import { ApiKeyService } from '@cairn/auth';
import { seedInvitation } from './answering.fixtures';
import { login } from './dashboard-helpers';
import { startTestApi, TestContext } from './utils/test-app';

// Issue 20, point 4: admins set the widget up from the dashboard (key, allowed origins, snippet).
describe('widget settings API', () => {
  let ctx: TestContext;
  let managerKey: string;
  let viewerKey: string;
  let touchpointKey: string;
  const site = 'https://shop.example.com';

  beforeAll(async () => {
    ctx = await startTestApi();
    const keys = ctx.app.get(ApiKeyService);
    managerKey = (await keys.create(ctx.workspaceId, 'manager', 'manager')).key;
    viewerKey = (await keys.create(ctx.workspaceId, 'viewer', 'viewer')).key;
    touchpointKey = (await seedInvitation(ctx, { metric: 'nps' })).touchpoint.key;
  });
  afterAll(() => ctx.close());

  const workspace = () => ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
  const widgetSurvey = (key: string, origin?: string) => {
    const req = ctx.http().get(`/api/v1/public/surveys/${touchpointKey}?workspaceKey=${encodeURIComponent(key)}`);
    return origin ? req.set('Origin', origin) : req;
  };

  it('shows an admin the publishable key, the allowed origins and the script URL from PUBLIC_BASE_URL', async () => {
    const ws = await workspace();
    const res = await ctx.api('get', '/api/v1/widget/settings').expect(200);
    expect(res.body).toEqual({
      publishableKey: ws.publishableKey,
      allowedOrigins: [],
      scriptUrl: 'http://127.0.0.1:3000/widget.js',
      identityVerification: { configured: false, prefix: null, createdAt: null },
    });
  });

  it('refuses managers and viewers (403), with a key or a session, and anyone without credentials (401)', async () => {
    for (const key of [managerKey, viewerKey]) {
      const res = await ctx.api('get', '/api/v1/widget/settings', key).expect(403);
      expect(res.body.message).toContain('admin');
      await ctx
        .api('patch', '/api/v1/widget/settings', key)
        .send({ allowedOrigins: ['*'] })
        .expect(403);
      await ctx.api('post', '/api/v1/widget/publishable-key', key).expect(403);
    }
    const manager = await ctx
      .api('post', '/api/v1/users')
      .send({ email: 'widget-manager@example.com', role: 'manager', password: 'manager password 1' })
      .expect(201);
    expect(manager.body.role).toBe('manager');
    const session = await login(ctx, 'widget-manager@example.com', 'manager password 1');
    await session.call('get', '/api/v1/widget/settings').expect(403);
    await session
      .call('patch', '/api/v1/widget/settings')
      .send({ allowedOrigins: ['*'] })
      .expect(403);
    await ctx.http().get('/api/v1/widget/settings').expect(401);
    await ctx.http().post('/api/v1/widget/publishable-key').expect(401);
    expect((await workspace()).corsOrigins).toEqual([]);
  });

  it('stores allowed origins as browsers send them, and the public API then answers those pages', async () => {
    const ws = await workspace();
    await widgetSurvey(ws.publishableKey, site).expect(403);
    const res = await ctx
      .api('patch', '/api/v1/widget/settings')
      .send({ allowedOrigins: ['https://Shop.Example.com/', 'http://localhost:8080', 'https://shop.example.com:443'] })
      .expect(200);
    expect(res.body.allowedOrigins).toEqual([site, 'http://localhost:8080']);
    expect((await workspace()).corsOrigins).toEqual([site, 'http://localhost:8080']);
    const answered = await widgetSurvey(ws.publishableKey, site).expect(200);
    expect(answered.headers['access-control-allow-origin']).toBe(site);
    await ctx.http().options('/api/v1/public/responses').set('Origin', site).expect(204);
    await widgetSurvey(ws.publishableKey, 'https://evil.example').expect(403);
  });

  it('refuses what is not an origin with a 400 naming it, and stores nothing', async () => {
    const before = (await workspace()).corsOrigins;
    const bad = await ctx
      .api('patch', '/api/v1/widget/settings')
      .send({ allowedOrigins: ['https://ok.example', 'https://shop.example.com/checkout'] })
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('https://shop.example.com/checkout');
    for (const body of [
      {},
      { allowedOrigins: 'https://shop.example.com' },
      { allowedOrigins: [42] },
      { allowedOrigins: ['shop.example.com'] },
      { allowedOrigins: [`https://${'a'.repeat(200)}.example`] },
      { allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) },
      { allowedOrigins: [], publishableKey: 'pk_mine' },
    ]) {
      await ctx.api('patch', '/api/v1/widget/settings').send(body).expect(400);
    }
    expect((await workspace()).corsOrigins).toEqual(before);
  });

  it('rotates the publishable key: the old one stops working at once, the new one works', async () => {
    const old = (await workspace()).publishableKey;
    const res = await ctx.api('post', '/api/v1/widget/publishable-key').expect(200);
    expect(res.body.publishableKey).toMatch(/^pk_[\w-]{24}$/);
    expect(res.body.publishableKey).not.toBe(old);
    expect((await workspace()).publishableKey).toBe(res.body.publishableKey);
    await widgetSurvey(old).expect(401);
    await widgetSurvey(res.body.publishableKey).expect(200);
  });

  it("keeps workspaces apart: another workspace's admin reads and changes only its own settings", async () => {
    const mine = await workspace();
    const other = await ctx.createWorkspace(`widget-${Date.now()}`);
    const theirs = await ctx.api('get', '/api/v1/widget/settings', other.apiKey).expect(200);
    expect(theirs.body.publishableKey).not.toBe(mine.publishableKey);
    await ctx
      .api('patch', '/api/v1/widget/settings', other.apiKey)
      .send({ allowedOrigins: ['*'] })
      .expect(200);
    await ctx.api('post', '/api/v1/widget/publishable-key', other.apiKey).expect(200);
    const after = await workspace();
    expect({ key: after.publishableKey, origins: after.corsOrigins }).toEqual({ key: mine.publishableKey, origins: mine.corsOrigins });
  });
});
