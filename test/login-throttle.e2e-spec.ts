import { LOGIN_LIMITS, LoginThrottle } from '@cairn/users';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createUser } from './dashboard-helpers';
import { startTestApi, TestContext } from './utils/test-app';

describe('login throttle (issue 22.3): atomic counting, lock-out per address', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    // Requests come through a proxy on loopback; X-Forwarded-For names each client.
    ctx = await startTestApi({ trustProxy: '127.0.0.1,::1,::ffff:127.0.0.1' });
  });
  afterEach(() => {
    ctx.app.get(LoginThrottle).limits = LOGIN_LIMITS;
  });
  afterAll(() => ctx.close());

  const loginFrom = (address: string, email: string, password: string) =>
    ctx.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('lets at most the limit of a parallel burst reach the password check; the real admin still gets in from elsewhere', async () => {
    const attacker = '203.0.113.50';
    const burst = await Promise.all(Array.from({ length: 30 }, () => loginFrom(attacker, ADMIN_EMAIL, 'wrong wrong')));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAddressAndEmail.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - LOGIN_LIMITS.perAddressAndEmail.limit);
    const limited = burst.find((r) => r.status === 429)!;
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    await loginFrom('198.51.100.20', ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
    // The guesser's own address stays locked out of this account, even with the right password.
    await loginFrom(attacker, ADMIN_EMAIL, ADMIN_PASSWORD).expect(429);
  });

  it('caps one address across many accounts, in a parallel burst too', async () => {
    const attacker = '203.0.113.51';
    // Lowered so the test checks few passwords (argon2 is slow on purpose); the counting is the same.
    ctx.app.get(LoginThrottle).limits = { ...LOGIN_LIMITS, perAddress: { limit: 5, windowSeconds: 900 } };
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom(attacker, `guess${i}@example.com`, 'wrong wrong')));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(15);
    await loginFrom(attacker, ADMIN_EMAIL, ADMIN_PASSWORD).expect(429);
    await loginFrom('198.51.100.21', ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
  });

  it('does not count successful logins, so an office behind one address is never locked out', async () => {
    const office = '192.0.2.60';
    const user = await createUser(ctx, 'viewer', 'office@example.com');
    ctx.app.get(LoginThrottle).limits = { ...LOGIN_LIMITS, perAddress: { limit: 3, windowSeconds: 900 } };
    for (let i = 0; i < 4; i++) await loginFrom(office, user.email, user.password).expect(200);
    await loginFrom(office, user.email, 'wrong wrong').expect(401);
    await loginFrom(office, user.email, user.password).expect(200);
  });

  it('an account-wide cap stops a distributed guess but never the owner at an address they signed in from', async () => {
    const user = await createUser(ctx, 'manager', 'target@example.com');
    ctx.app.get(LoginThrottle).limits = { ...LOGIN_LIMITS, perEmail: { limit: 3, windowSeconds: 3600 } };
    await loginFrom('192.0.2.70', user.email, user.password).expect(200); // the owner's usual place
    for (let i = 1; i <= 3; i++) await loginFrom(`203.0.113.${100 + i}`, user.email, 'wrong wrong').expect(401);
    await loginFrom('203.0.113.104', user.email, 'wrong wrong').expect(429);
    // A blocked guesser hammering on does not raise the account's count any further.
    await Promise.all(Array.from({ length: 5 }, () => loginFrom('203.0.113.104', user.email, 'wrong wrong').expect(429)));
    await loginFrom('198.51.100.70', user.email, user.password).expect(429);
    await loginFrom('192.0.2.70', user.email, user.password).expect(200);
  });
});
