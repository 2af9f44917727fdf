import { DemoSeeder } from '@cairn/demo';
import { CommentAnalysisService } from '@cairn/insights';
import { createUser, login } from './dashboard-helpers';
import { startTestApi, TestContext } from './utils/test-app';

describe('dashboard API: users, API keys, email preview, comments, static files', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  it('lets admins manage users and keeps the last admin', async () => {
    const created = await ctx
      .api('post', '/api/v1/users')
      .send({ email: ' Ana@Example.com ', name: 'Ana', role: 'manager', password: 'ana password 1' })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'ana@example.com', role: 'manager', enabled: true });
    expect(created.body.passwordHash).toBeUndefined();
    await ctx.api('post', '/api/v1/users').send({ email: 'ana@example.com', role: 'viewer', password: 'another one 1' }).expect(409);
    for (const bad of [
      { email: 'not-an-email', role: 'viewer', password: 'long enough' },
      { email: 'x@example.com', role: 'owner', password: 'long enough' },
      { email: 'x@example.com', role: 'viewer', password: 'short' },
    ]) {
      const res = await ctx.api('post', '/api/v1/users').send(bad).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    const list = await ctx.api('get', '/api/v1/users').expect(200);
    expect(list.body.data.map((u: { email: string }) => u.email)).toEqual(['admin@localhost', 'ana@example.com']);
    const admin = list.body.data[0];
    const last = await ctx.api('patch', `/api/v1/users/${admin.id}`).send({ role: 'viewer' }).expect(409);
    expect(last.body.message).toMatch(/last enabled admin/);
    await ctx.api('delete', `/api/v1/users/${admin.id}`).expect(409);
    await ctx.api('patch', `/api/v1/users/${created.body.id}`).send({ role: 'viewer', name: 'Ana L' }).expect(200);
    expect((await ctx.api('get', `/api/v1/users/${created.body.id}`).expect(200)).body).toMatchObject({ role: 'viewer', name: 'Ana L' });
  });

  it('managers may list users (to assign cases) but not change them', async () => {
    const manager = await createUser(ctx, 'manager');
    const s = await login(ctx, manager.email, manager.password);
    await s.call('get', '/api/v1/users').expect(200);
    await s.call('post', '/api/v1/users').send({ email: 'y@example.com', role: 'admin', password: 'long enough' }).expect(403);
    await s.call('patch', `/api/v1/users/${manager.id}`).send({ role: 'admin' }).expect(403);
  });

  it('disabling a user or changing their password ends their sessions', async () => {
    const viewer = await createUser(ctx, 'viewer');
    const first = await login(ctx, viewer.email, viewer.password);
    await ctx.api('patch', `/api/v1/users/${viewer.id}`).send({ password: 'brand new password' }).expect(200);
    await first.call('get', '/api/v1/journeys').expect(401);
    const second = await login(ctx, viewer.email, 'brand new password');
    await ctx.api('patch', `/api/v1/users/${viewer.id}`).send({ enabled: false }).expect(200);
    await second.call('get', '/api/v1/journeys').expect(401);
    await ctx.http().post('/api/v1/auth/login').send({ email: viewer.email, password: 'brand new password' }).expect(401);
    await ctx.api('delete', `/api/v1/users/${viewer.id}`).expect(204);
    await ctx.api('get', `/api/v1/users/${viewer.id}`).expect(404);
  });

  it('opens the job queue board (linked from the admin menu) with an admin session only', async () => {
    const admin = await login(ctx);
    const board = await admin.call('get', '/admin/queues').expect(200);
    expect(board.headers['content-type']).toMatch(/html/);
    const viewer = await createUser(ctx, 'viewer');
    await (await login(ctx, viewer.email, viewer.password)).call('get', '/admin/queues').expect(403);
    await ctx.http().get('/admin/queues').expect(401);
  });

  it('keeps workspaces apart', async () => {
    const other = await ctx.createWorkspace('dash-other');
    const mine = (await ctx.api('get', '/api/v1/users').expect(200)).body.data[0];
    expect((await ctx.api('get', '/api/v1/users', other.apiKey).expect(200)).body.data).toEqual([]);
    await ctx.api('patch', `/api/v1/users/${mine.id}`, other.apiKey).send({ name: 'stolen' }).expect(404);
    await ctx.api('delete', `/api/v1/users/${mine.id}`, other.apiKey).expect(404);
  });

  it('lists, creates (shown once) and revokes API keys for admins only', async () => {
    const created = await ctx.api('post', '/api/v1/api-keys').send({ name: 'Zapier', role: 'viewer' }).expect(201);
    expect(created.body.key).toMatch(/^cairn_/);
    const list = await ctx.api('get', '/api/v1/api-keys').expect(200);
    const row = list.body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(row).toMatchObject({ name: 'Zapier', role: 'viewer', prefix: created.body.key.slice(0, 12) });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    await ctx.api('get', '/api/v1/journeys', created.body.key).expect(200);
    await ctx.api('get', '/api/v1/api-keys', created.body.key).expect(403);
    await ctx.api('post', '/api/v1/api-keys').send({ name: '' }).expect(400);
    await ctx.api('post', '/api/v1/api-keys').send({ name: 'x', role: 'root' }).expect(400);
    await ctx.api('delete', `/api/v1/api-keys/${created.body.id}`).expect(204);
    await ctx.api('delete', `/api/v1/api-keys/${created.body.id}`).expect(404);
    await ctx.api('get', '/api/v1/journeys', created.body.key).expect(401);
  });

  it('renders the survey email preview from unsaved texts, storing and sending nothing', async () => {
    const res = await ctx
      .api('post', '/api/v1/surveys/preview')
      .send({ metric: 'nps', locale: 'sv', question: { sv: 'Skulle du rekommendera {{company}}?' }, subject: { sv: 'En fråga' } })
      .expect(200);
    expect(res.body.subject).toBe('En fråga');
    expect(res.body.html).toContain('Skulle du rekommendera Cairn Demo?');
    expect(res.body.text).toContain('10');
    await ctx.api('post', '/api/v1/surveys/preview').send({ metric: 'stars' }).expect(400);
    await ctx
      .api('post', '/api/v1/surveys/preview')
      .send({ metric: 'nps', question: { english: 'x' } })
      .expect(400);
    await ctx.api('post', '/api/v1/surveys/preview').send({ metric: 'nps', touchpointId: 'missing' }).expect(404);
    expect(await ctx.prisma.outboxEvent.count()).toBe(0);
  });

  it('searches comments by band, text and segment, and offers the segment values', async () => {
    await ctx.app.get(DemoSeeder).seed(ctx.workspaceId);
    const tp = await ctx.prisma.touchpoint.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, key: 'delivery' } });
    const since = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const q = (extra: string) =>
      ctx.api('get', `/api/v1/dashboard/comments?touchpointId=${tp.id}&metric=nps&since=${since}&limit=50${extra}`);
    const low = (await q('&band=low').expect(200)).body.data;
    expect(low.length).toBeGreaterThan(0);
    expect(low.every((c: { score: number; comment: string }) => c.score <= 6 && c.comment)).toBe(true);
    const high = (await q('&band=high').expect(200)).body.data;
    expect(high.every((c: { score: number }) => c.score >= 9)).toBe(true);
    const late = (await q('&q=LATE').expect(200)).body.data;
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((c: { comment: string }) => /late/i.test(c.comment))).toBe(true);
    expect((await q('&q=%25').expect(200)).body.data).toEqual([]);
    const pro = (await q('&segment.plan=pro').expect(200)).body.data;
    const proIds = new Set(
      (await ctx.prisma.response.findMany({ where: { id: { in: pro.map((c: { id: string }) => c.id) } } })).map(
        (r) => (r.personProperties as { plan: string }).plan,
      ),
    );
    expect([...proIds]).toEqual(['pro']);
    const dates = low.map((c: { createdAt: string }) => c.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const bad of ['&band=worst', '&limit=500', '&q=' + 'x'.repeat(101), '&colour=red', '&since=yesterday', '&since=2000-01-01'])
      await q(bad).expect(400);
    await ctx.api('get', '/api/v1/dashboard/comments?band=low').expect(400);
    const segments = (await ctx.api('get', '/api/v1/dashboard/segments').expect(200)).body.properties;
    expect(segments.plan.sort()).toEqual(['business', 'free', 'pro']);
    expect(segments.region.sort()).toEqual(['dach', 'nordics', 'uk']);
  });

  it('filters comments by theme and sentiment and gives each its analysis with the theme words to mark', async () => {
    // Runs after the demo seed of the test above; analysed in-process (the worker's job, without a worker).
    await ctx.app.get(CommentAnalysisService).analyseWorkspace({ workspaceId: ctx.workspaceId });
    const tp = await ctx.prisma.touchpoint.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, key: 'delivery' } });
    const since = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    type Item = {
      comment: string;
      analysis: {
        language: string;
        sentiment: { label: string };
        themes: string[];
        mentions: Array<{ theme: string; start: number; end: number }>;
      };
    };
    const q = async (extra: string): Promise<Item[]> =>
      (await ctx.api('get', `/api/v1/dashboard/comments?touchpointId=${tp.id}&metric=nps&since=${since}&limit=50${extra}`).expect(200)).body
        .data;
    const marked = (item: Item, theme: string) =>
      item.analysis.mentions.filter((m) => m.theme === theme).map((m) => item.comment.normalize('NFC').slice(m.start, m.end).toLowerCase());

    const delivery = await q('&theme=delivery');
    expect(delivery.length).toBeGreaterThan(0);
    for (const item of delivery) {
      expect(item.analysis.themes).toContain('delivery');
      expect(marked(item, 'delivery').length).toBeGreaterThan(0);
    }
    // The words themselves, in each of the demo's languages (inflected and compound forms included).
    const words = [...new Set(delivery.flatMap((item) => marked(item, 'delivery')))];
    expect(words).toEqual(expect.arrayContaining(['delivery', 'parcel', 'leverans', 'levering', 'leveransfönstret']));
    const great = delivery.find((item) => item.comment === 'Great quality and quick delivery.')!;
    expect(great.analysis.mentions).toEqual([
      { theme: 'product_quality', start: 6, end: 13 },
      { theme: 'delivery', start: 24, end: 32 },
    ]);
    const negative = await q('&sentiment=negative');
    expect(negative.length).toBeGreaterThan(0);
    expect(negative.every((item) => item.analysis.sentiment.label === 'negative')).toBe(true);
    const both = await q('&theme=delivery&sentiment=positive');
    expect(both.every((item) => item.analysis.sentiment.label === 'positive' && item.analysis.themes.includes('delivery'))).toBe(true);
    expect(both.length).toBeLessThan(delivery.length);
    // Every mention is of a theme the analysis found, in order, inside the text.
    for (const item of await q('')) {
      if (!item.analysis) continue;
      expect(
        item.analysis.mentions.every((m) => item.analysis.themes.includes(m.theme) && m.start < m.end && m.end <= item.comment.length),
      ).toBe(true);
    }
    for (const bad of ['&theme=Delivery!', '&sentiment=angry', '&theme=a'])
      await ctx.api('get', `/api/v1/dashboard/comments?touchpointId=${tp.id}&metric=nps${bad}`).expect(400);
  });

  it('serves the dashboard at / with a strict CSP, its modules, and Chart.js from node_modules', async () => {
    const page = await ctx.http().get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.text).toMatch(/"\/assets\/v\/[0-9a-f]{12}\/js\/main\.js"/); // versioned by content (dashboard-first-load)
    const js = await ctx.http().get('/assets/js/main.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const chart = await ctx.http().get('/vendor/chart.umd.min.js').expect(200);
    expect(chart.text.length).toBeGreaterThan(100_000);
    const traversal = await ctx.http().get('/assets/%2e%2e/%2e%2e/%2e%2e/package.json');
    expect([403, 404]).toContain(traversal.status);
    await ctx.http().get('/assets/js/nope.js').expect(404);
  });
});
