import { sha256Hex } from '@cairn/common';
import { LoginThrottle, LOGIN_LIMITS, PasswordHasher, UserBootstrapService, UserRepository } from '@cairn/users';
import { ADMIN_EMAIL, createUser, login } from './dashboard-helpers';
import { startTestApi, TestContext } from './utils/test-app';

describe('dashboard sign-in and sessions', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  it('creates the first admin from CAIRN_ADMIN_EMAIL / CAIRN_ADMIN_PASSWORD with an argon2id hash', async () => {
    const users = await ctx.prisma.user.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(users).toEqual([expect.objectContaining({ email: ADMIN_EMAIL, role: 'admin' })]);
    expect(users[0].passwordHash).toMatch(/^\$argon2id\$/);
    expect(users[0].passwordHash).not.toContain('correct horse battery');
  });

  it('generates and prints the first admin password once when none is configured', async () => {
    const other = await ctx.createWorkspace('fresh');
    const bootstrap = new UserBootstrapService(
      { ...ctx.config, adminPassword: null },
      ctx.app.get(UserRepository),
      ctx.app.get(PasswordHasher),
    );
    const printed: string[] = [];
    let generated = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    try {
      const first = await bootstrap.ensureAdmin(other.workspaceId);
      const second = await bootstrap.ensureAdmin(other.workspaceId);
      expect(first.created).toBe(true);
      expect(first.generatedPassword!.length).toBeGreaterThanOrEqual(16);
      expect(second).toEqual({ created: false, generatedPassword: null });
      expect(printed.join('').split(first.generatedPassword!).length - 1).toBe(1);
      generated = first.generatedPassword!;
    } finally {
      spy.mockRestore();
    }
    // The same email also exists in the default workspace: the generated password signs into the new one.
    const res = await ctx.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: generated }).expect(200);
    expect(res.body.workspaceId).toBe(other.workspaceId);
  });

  it('logs in with a secure HTTP-only SameSite=Lax cookie whose token is stored only as a sha256', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ADMIN@localhost ', password: 'correct horse battery' })
      .expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'])[0];
    expect(cookie).toMatch(/^cairn_session=[A-Za-z0-9_-]{32};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(res.body).toMatchObject({ user: { email: ADMIN_EMAIL, role: 'admin' }, csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.user.passwordHash).toBeUndefined();
    const token = cookie.split(';')[0].split('=')[1];
    const row = await ctx.prisma.userSession.findUnique({ where: { tokenHash: sha256Hex(token) } });
    expect(row).not.toBeNull();
    expect(JSON.stringify(await ctx.prisma.userSession.findMany())).not.toContain(token);
    const https = await ctx
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: ADMIN_EMAIL, password: 'correct horse battery' })
      .expect(200);
    expect(([] as string[]).concat(https.headers['set-cookie'])[0]).toMatch(/; Secure/);
  });

  it('refuses a wrong password or unknown email alike, with a clear 401', async () => {
    const wrong = await ctx.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: 'nope nope' }).expect(401);
    const unknown = await ctx.http().post('/api/v1/auth/login').send({ email: 'ghost@example.com', password: 'nope nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is wrong' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    await ctx.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL }).expect(400);
  });

  it('lets the session call /api/v1 like an API key, and reports who is signed in', async () => {
    const s = await login(ctx);
    await s.call('get', '/api/v1/journeys').expect(200);
    const me = await s.call('get', '/api/v1/auth/session').expect(200);
    expect(me.body).toMatchObject({ user: { email: ADMIN_EMAIL }, csrfToken: s.csrf, workspaceId: ctx.workspaceId });
    await ctx.http().get('/api/v1/auth/session').expect(401);
    await ctx.http().get('/api/v1/journeys').set('Cookie', 'cairn_session=forged').expect(401);
  });

  it('requires the CSRF header and a same-site Origin for unsafe methods with a cookie', async () => {
    const s = await login(ctx);
    const before = await ctx.prisma.journey.count();
    const missing = await s.call('post', '/api/v1/journeys', false).send({ name: 'CSRF' }).expect(403);
    expect(missing.body.message).toMatch(/CSRF/);
    await s.call('post', '/api/v1/journeys', false).set('X-CSRF-Token', 'f'.repeat(64)).send({ name: 'CSRF' }).expect(403);
    await s.call('post', '/api/v1/journeys').set('Origin', 'https://evil.example').send({ name: 'CSRF' }).expect(403);
    expect(await ctx.prisma.journey.count()).toBe(before);
    await s.call('post', '/api/v1/journeys').send({ name: 'Made in the dashboard' }).expect(201);
    const host = await s
      .call('post', '/api/v1/journeys')
      .set('Host', 'cairn.example')
      .set('Origin', 'https://cairn.example')
      .send({ name: 'Same origin' });
    expect(host.status).toBe(201);
    // Login from another site is refused too (login CSRF).
    await ctx
      .http()
      .post('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ email: ADMIN_EMAIL, password: 'correct horse battery' })
      .expect(403);
  });

  it('gives viewers read access only', async () => {
    const viewer = await createUser(ctx, 'viewer');
    const s = await login(ctx, viewer.email, viewer.password);
    await s.call('get', '/api/v1/journeys').expect(200);
    const denied = await s.call('post', '/api/v1/journeys').send({ name: 'Nope' }).expect(403);
    expect(denied.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    await s.call('get', '/api/v1/api-keys').expect(403);
    await s.call('get', '/api/v1/users').expect(403);
  });

  it('logs out: the cookie is cleared and the session is gone', async () => {
    const s = await login(ctx);
    await s.call('post', '/api/v1/auth/logout', false).expect(403);
    const res = await s.call('post', '/api/v1/auth/logout').expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^cairn_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await ctx.prisma.userSession.count({ where: { tokenHash: sha256Hex(s.token) } })).toBe(0);
    await s.call('get', '/api/v1/journeys').expect(401);
  });

  it('limits password guessing per address and email with a 429', async () => {
    const user = await createUser(ctx, 'manager');
    for (let i = 0; i < LOGIN_LIMITS.perAddressAndEmail.limit; i++) {
      await ctx.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong wrong' }).expect(401);
    }
    const limited = await ctx.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    await login(ctx);
  });

  it('limits failed logins per client address, leaving other addresses and successful logins alone', async () => {
    const attacker = '203.0.113.9';
    // A lower cap than LOGIN_LIMITS.perAddress: argon2 is slow on purpose, the counting is the same.
    const throttle = ctx.app.get(LoginThrottle);
    throttle.limits = { ...LOGIN_LIMITS, perAddress: { limit: 8, windowSeconds: 900 } };
    try {
      // Successes do not count. From the attacker's own address: the default address carries the earlier tests' failures.
      for (let i = 0; i < 5; i++) {
        await ctx
          .http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', attacker)
          .send({ email: ADMIN_EMAIL, password: 'correct horse battery' })
          .expect(200);
      }
      for (let i = 0; i < 8; i++) {
        await ctx
          .http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', attacker)
          .send({ email: `guess${i}@example.com`, password: 'wrong wrong' })
          .expect(401);
      }
      await ctx
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', attacker)
        .send({ email: ADMIN_EMAIL, password: 'correct horse battery' })
        .expect(429);
      await ctx
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({ email: ADMIN_EMAIL, password: 'correct horse battery' })
        .expect(200);
    } finally {
      throttle.limits = LOGIN_LIMITS;
    }
  });
});
