import { ConfigError, loadConfig } from '@cairn/config';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './dashboard-helpers';
import { startTestApi, TestContext } from './utils/test-app';

const METRICS_TOKEN = 'scrape-me-with-this-token-0123456789';

/** Issue 22.11: what an outsider can learn or take from the edges of the app. */
describe('metrics, docs, webhook URL errors and the session cookie', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    // Public over HTTPS (a TLS-terminating proxy in front); the test itself talks plain HTTP to the app.
    ctx = await startTestApi({ metricsToken: METRICS_TOKEN, publicBaseUrl: 'https://cx.example.com', webhookAllowPrivate: null });
  });
  afterAll(() => ctx.close());

  it('serves /metrics only to a bearer of METRICS_TOKEN', async () => {
    const none = await ctx.http().get('/metrics').expect(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.text).not.toContain('cairn_');
    await ctx.http().get('/metrics').set('Authorization', 'Bearer not-the-token-at-all-000000').expect(401);
    await ctx
      .http()
      .get('/metrics')
      .set('Authorization', `Basic ${Buffer.from(`${METRICS_TOKEN}:`).toString('base64')}`)
      .expect(401);
    // An API key, even an admin's, is not a metrics token.
    await ctx.http().get('/metrics').set('Authorization', `Bearer ${ctx.apiKey}`).expect(401);
    const ok = await ctx.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(ok.text).toContain('cairn_http_request_duration_seconds_bucket');
  });

  it('refuses a METRICS_TOKEN too short to be a secret at boot', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });

  it('lists only the public contract in /docs', async () => {
    const paths = Object.keys((await ctx.http().get('/docs-json').expect(200)).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/journeys', '/api/v1/events', '/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry']),
    );
    for (const path of paths) expect(path).toMatch(/^\/(api\/v1|compat\/delighted\/v1)\//);
    const internal = paths.filter((p) =>
      /^\/(health|metrics|dev|admin|docs)\b|^\/api\/v1\/(auth|dashboard)\/|^\/api\/v1\/surveys\/preview/.test(p),
    );
    expect(internal).toEqual([]);
  });

  it('refuses an internal webhook URL without telling which address the name resolves to', async () => {
    const res = await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: 'http://hooks.localhost/cairn', events: ['case.opened'] })
      .expect(400);
    expect(res.body.message).toMatch(/^url refused: hooks\.localhost is not allowed/);
    expect(res.body.message).not.toMatch(/127\.0\.0\.1|::1/);
    expect(await ctx.prisma.webhookEndpoint.count()).toBe(0);
  });

  it('marks the session cookie Secure when PUBLIC_BASE_URL is https, even without X-Forwarded-Proto', async () => {
    const res = await ctx.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'])[0];
    expect(cookie).toMatch(/^cairn_session=[^;]+;.*; Secure$/);
    const token = cookie.split(';')[0];
    const out = await ctx.http().post('/api/v1/auth/logout').set('Cookie', token).set('X-CSRF-Token', res.body.csrfToken).expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'])[0]).toMatch(/^cairn_session=;.*; Secure$/);
  });
});
